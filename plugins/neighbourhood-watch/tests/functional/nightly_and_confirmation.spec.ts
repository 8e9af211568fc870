import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createOrganisation, uniqueEmail } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { BrowserLikeSession } from '#tests/helpers/http'
import { runPluginSchedulesAt, someNightAt } from '#tests/helpers/plugin_schedules'
import { enableWatch, importedSchemes, PAGE } from '../helpers/watch_setup.js'
import { setUp } from '../helpers/register_fixtures.js'

test.group('Neighbourhood Watch: the nightly sync and new members', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the nightly sync runs for each organisation with a register, at 02:30', async ({
    assert,
    cleanup,
  }) => {
    const { admin } = await setUp(cleanup)
    // Another organisation has the plugin on but no register: it is left out.
    const other = await createOrganisation('Elsewhere Police')
    const otherAdmin = await enableWatch(other, null, cleanup)

    assert.isAtLeast(await runPluginSchedulesAt(someNightAt(2, 30)), 1)
    const list = await admin.get(PAGE)
    assert.include(list.text, 'Nightly sync')
    assert.include(list.text, 'Finished')
    assert.deepEqual(Object.keys(await importedSchemes()).sort(), ['NW-1', 'NW-2'])
    assert.include((await otherAdmin.get(PAGE)).text, 'No syncs yet.')
  })

  test('a new member confirms their email like anyone else, and then consents to the organisation', async ({
    assert,
    cleanup,
  }) => {
    const { fake, organisation, syncNow } = await setUp(cleanup)
    // An address no earlier test's mail went to (the sink keeps every mail).
    const email = uniqueEmail('ann')
    fake.schemes[0].members[0].email = email
    await syncNow()

    const mail = await smtpSink.waitForMail(
      email,
      (received) => received.subject === 'Confirm your local alerts'
    )
    const secret = /\/confirm\/([A-Za-z0-9_-]{40,})/.exec(mail.text)![1]
    const browser = new BrowserLikeSession()
    await browser.get(`/confirm/${secret}`)
    const confirmed = await browser.post(`/confirm/${secret}`)
    assert.include(confirmed.text, 'Your alerts are on')

    const ann = await db.from('residents').where('email', email).firstOrFail()
    assert.equal(ann.status, 'active')
    const consents = await db.from('consents').where('resident_id', ann.id)
    assert.deepEqual(
      consents.map((row) => Number(row.organisation_id)),
      [organisation.id]
    )
  })
})
