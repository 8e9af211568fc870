import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createOrganisation, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { FakeRegister } from '../helpers/fake_register.js'
import { enableWatch, finishedSync, PAGE } from '../helpers/watch_setup.js'

test.group('Neighbourhood Watch: who may open the page', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('only admins of the organisation see its syncs; other roles and organisations do not', async ({
    assert,
    cleanup,
  }) => {
    const fake = await new FakeRegister().start()
    cleanup(() => fake.stop())
    fake.schemes = [{ id: 'NW-1', name: 'Elm Road Watch', area_code: 'T-W1', members: [] }]
    await seedAreas()
    const organisation = await createOrganisation()
    const admin = await enableWatch(organisation, fake, cleanup)
    const started = await admin.post(`${PAGE}/sync`, {})
    const runPath = new URL(started.url).pathname
    await finishedSync(admin, runPath)

    for (const role of ['officer', 'sender', 'approver', 'analyst'] as const) {
      const member = await signInStaff(await createStaff(organisation, role))
      assert.equal((await member.get(PAGE)).status, 403, role)
      assert.equal((await member.get(`${runPath}/report.csv`)).status, 403, role)
      assert.equal((await member.post(`${PAGE}/sync`, {})).status, 403, role)
    }

    // Another organisation's admin, with the plugin on for them too, finds no such sync.
    const other = await createOrganisation('Elsewhere Police')
    const otherAdmin = await enableWatch(other, fake, cleanup)
    assert.equal((await otherAdmin.get(runPath)).status, 404)
    assert.equal((await otherAdmin.get(`${runPath}/report.csv`)).status, 404)
    assert.include((await otherAdmin.get(PAGE)).text, 'No syncs yet.')

    // A second Sync now while one runs is refused in plain English.
    fake.hangOnPage = 1
    await admin.get(PAGE)
    const hanging = await admin.post(`${PAGE}/sync`, {})
    await admin.get(PAGE)
    const twice = await admin.post(`${PAGE}/sync`, {})
    assert.include(twice.text, 'A sync is already running. Wait for it to finish, then try again.')
    const stopped = await finishedSync(admin, new URL(hanging.url).pathname)
    assert.include(stopped.text, 'The register did not answer within 1 second (page 1).')
  })

  test('past syncs are listed newest first, twenty a page', async ({ assert, cleanup }) => {
    const organisation = await createOrganisation()
    const admin = await enableWatch(organisation, null, cleanup)
    await db.table('neighbourhood_watch_syncs').multiInsert(
      Array.from({ length: 21 }, (_, index) => ({
        organisation_id: organisation.id,
        origin: index === 20 ? 'nightly' : 'upload',
        status: 'completed',
        started_at: new Date(Date.UTC(2026, 0, 1 + index))
          .toISOString()
          .replace('T', ' ')
          .replace('Z', ''),
      }))
    )

    const first = await admin.get(PAGE)
    assert.lengthOf(first.text.match(/data-sync="/g) ?? [], 20)
    assert.include(first.text, 'Page 1 of 2')
    assert.match(
      first.text,
      /data-sync="\d+">\s*<td[^>]*><a[^>]*>2026-01-21 00:00 UTC<\/a><\/td>\s*<td[^>]*>Nightly sync/
    )
    const second = await admin.get(`${PAGE}?page=2`)
    assert.lengthOf(second.text.match(/data-sync="/g) ?? [], 1)
    assert.include(second.text, '2026-01-01 00:00 UTC')
    assert.include(second.text, 'Page 2 of 2')
  })
})
