import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Area from '#models/areas/area'
import AuditLog from '#models/platform/audit_log'
import type Resident from '#models/residents/resident'
import { importBothAreas, PLACES } from '#tests/helpers/boundary_fixtures'
import { createOrganisation, createResident } from '#tests/helpers/fixtures'
import { signedInAs } from '#tests/helpers/self_service_fixtures'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { BrowserLikeSession } from '#tests/helpers/http'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** A resident of Ryde North East on the Isle of Wight, and a synthetic postcode in Carisbrooke. */
async function islander() {
  await importBothAreas()
  await db.table('postcodes').insert({ postcode: 'PO30 5ZZ', lat: 50.68671, lng: -1.34003 })
  const ryde = await Area.findByOrFail('name', PLACES.rydeTown.ward)
  const organisation = await createOrganisation('Isle of Wight Council')
  const resident = await createResident(ryde, [organisation], {
    name: 'Grace Hopper',
    lat: PLACES.rydeTown.lat,
    lng: PLACES.rydeTown.lng,
  })
  return { resident, browser: await signedInAs(resident) }
}

async function areaNames(resident: Resident) {
  await resident.load('areas')
  return resident.areas.map((area) => area.name).sort()
}

test.group('A resident changes their own details', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the account page shows every detail they gave, each with a way to change it', async ({
    assert,
  }) => {
    const { resident, browser } = await islander()
    const page = await browser.get('/my-alerts/account')
    const details = page.text.match(
      /<dl class="govuk-summary-list" id="details">[\s\S]*?<\/dl>/
    )![0]
    assert.include(details, 'Grace Hopper')
    assert.include(details, resident.email!)
    assert.include(details, 'Ryde North East, Isle of Wight')
    assert.include(details, 'from the point you chose on the map')
    for (const path of ['/my-alerts/name', '/my-alerts/email', '/my-alerts/where-you-live']) {
      assert.include(details, `href="${path}"`)
    }

    const stranger = await new BrowserLikeSession().get('/my-alerts/name')
    assert.notInclude(stranger.text, 'What is your name?')
  })

  test('a name is refused empty or too long, and saved otherwise, with an audit entry', async ({
    assert,
  }) => {
    const { resident, browser } = await islander()
    const empty = await browser.submit('/my-alerts/name', { name: '  ' })
    assert.include(empty.text, 'There is a problem')
    assert.include(empty.text, 'Enter your name')
    const long = await browser.submit('/my-alerts/name', { name: 'x'.repeat(101) })
    assert.include(long.text, 'Your name must be 100 characters or fewer')

    const saved = await browser.submit('/my-alerts/name', { name: 'Grace Brewster Hopper' })
    assert.include(saved.text, 'Your name has been changed.')
    assert.include(saved.text, 'Grace Brewster Hopper')
    await resident.refresh()
    assert.equal(resident.name, 'Grace Brewster Hopper')
    const audit = await AuditLog.findByOrFail('action', 'resident.name_changed_by_resident')
    assert.equal(audit.subjectId, resident.id)
    assert.isNull(audit.userId)
  })

  test('a new email address is used only once confirmed from it; the old address is told', async ({
    assert,
  }) => {
    const { resident, browser } = await islander()
    const old = resident.email!
    const bad = await browser.submit('/my-alerts/email', { email: 'grace@' })
    assert.include(bad.text, 'Enter an email address in the correct format')
    const same = await browser.submit('/my-alerts/email', { email: old.toUpperCase() })
    assert.include(same.text, 'is already your email address. Nothing has changed.')

    const asked = await browser.submit('/my-alerts/email', { email: 'Grace@Navy.example.org' })
    assert.include(asked.text, 'We have sent a link to grace@navy.example.org')
    assert.include(asked.text, 'Waiting for you to confirm grace@navy.example.org')
    await resident.refresh()
    assert.equal(resident.email, old)

    const confirm = await smtpSink.waitForMail('grace@navy.example.org')
    assert.include(confirm.text, 'You asked to change the email address for your local alerts to:')
    assert.notInclude(confirm.text, 'and contact')
    const notice = await smtpSink.waitForMail(
      old,
      (mail) => mail.subject === 'A change to the email address for your alerts'
    )
    assert.include(notice.text, 'Someone signed in to your account asked to change')

    const link = confirm.text.match(/http:\/\/\S+\/my-alerts\/confirm-change\/\S+/)?.[0]
    assert.exists(link, confirm.text)
    const outsider = new BrowserLikeSession()
    await outsider.get(link!)
    const confirmed = await outsider.post(new URL(link!).pathname)
    assert.equal(confirmed.status, 200)
    await resident.refresh()
    assert.equal(resident.email, 'grace@navy.example.org')
    assert.lengthOf(
      await AuditLog.query().where('action', 'resident.email_change_requested_by_resident'),
      1
    )
  })

  test('moving home: placed again, the new areas shown before anything changes, then saved', async ({
    assert,
  }) => {
    const { resident, browser } = await islander()
    const unknown = await browser.submit('/my-alerts/where-you-live', {
      findBy: 'postcode',
      postcode: 'PO30 9ZZ',
    })
    assert.include(unknown.text, 'We cannot find this postcode')
    const none = await browser.submit('/my-alerts/where-you-live', { findBy: 'ward' })
    assert.include(none.text, 'Choose the ward where you live')

    const check = await browser.submit('/my-alerts/where-you-live', {
      findBy: 'postcode',
      postcode: 'po305zz',
    })
    assert.include(check.text, 'Check where you live')
    assert.match(check.text, /id="home-now">Ryde North East, Isle of Wight, from the point/)
    assert.match(
      check.text,
      /id="home-next">Carisbrooke, Isle of Wight, from your postcode PO30 5ZZ/
    )
    assert.deepEqual(await areaNames(resident), ['Isle of Wight', 'Ryde North East'])

    const moved = await browser.post('/my-alerts/where-you-live/check')
    assert.include(
      moved.text,
      'Where you live has been changed. You get alerts for Carisbrooke, Isle of Wight.'
    )
    assert.deepEqual(await areaNames(resident), ['Carisbrooke', 'Isle of Wight'])
    await resident.refresh()
    assert.equal(resident.postcode, 'PO30 5ZZ')
    assert.closeTo(resident.lat!, 50.68671, 1e-6)

    // By ward: a Rutland ward, and no point any more.
    const uppingham = await Area.findByOrFail('name', 'Uppingham')
    await browser.submit('/my-alerts/where-you-live', { findBy: 'ward', wardId: uppingham.id })
    await browser.post('/my-alerts/where-you-live/check')
    assert.deepEqual(await areaNames(resident), ['Rutland', 'Uppingham'])
    await resident.refresh()
    assert.isNull(resident.postcode)
    assert.isNull(resident.lat)
    const audits = await AuditLog.query().where('action', 'resident.moved_by_resident')
    assert.lengthOf(audits, 2)

    // Without a place waiting to be confirmed, the check goes back to the question.
    const again = await browser.get('/my-alerts/where-you-live/check')
    assert.include(again.text, 'Where do you live now?')
  })
})
