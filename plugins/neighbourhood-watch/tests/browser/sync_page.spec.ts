import { test } from '@japa/runner'
import { assertAccessible } from '#tests/helpers/accessibility'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { eventually } from '#tests/helpers/eventually'
import { createOrganisation, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { FakeRegister } from '../helpers/fake_register.js'
import { enableWatch } from '../helpers/watch_setup.js'

test.group('Neighbourhood Watch page in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an admin presses Sync now and reads the report', async ({ visit, assert, cleanup }) => {
    const fake = await new FakeRegister().start()
    cleanup(() => fake.stop())
    fake.schemes = [
      {
        id: 'NW-1',
        name: 'Elm Road Watch',
        area_code: 'T-W1',
        members: [
          { id: 'M-1', name: 'Ann New', email: 'ann@example.test', consent: true },
          { id: 'M-2', name: 'Cy Quiet', email: 'cy@example.test', consent: false },
        ],
      },
    ]
    await seedAreas()
    const organisation = await createOrganisation()
    await enableWatch(organisation, fake, cleanup)
    const admin = await createStaff(organisation, 'admin')

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, admin)
    await page.getByRole('link', { name: 'Neighbourhood Watch' }).first().click()
    await page.getByRole('heading', { name: 'Neighbourhood Watch', level: 1 }).waitFor()
    await page.getByText('No syncs yet.').waitFor()
    await assertAccessible(page)

    await page.getByRole('button', { name: 'Sync now' }).click()
    await eventually(async () => {
      await page.reload()
      assert.include(
        await page.locator('#sync-outcome').innerText({ timeout: 500 }),
        'The sync finished.'
      )
    })
    const report = page.locator('#sync-report')
    assert.include(await report.innerText(), 'Scheme NW-1 (Elm Road Watch)')
    assert.include(await report.innerText(), 'Member M-1 (Ann New) of Elm Road Watch')
    assert.include(
      await report.innerText(),
      'They have not agreed on the register to receive alerts, so they were not added'
    )
    await assertAccessible(page)

    const syncId = /syncs\/(\d+)/.exec(page.url())![1]
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Download the report (CSV)' }).click()
    assert.equal((await download).suggestedFilename(), `neighbourhood-watch-sync-${syncId}.csv`)

    await page.getByRole('link', { name: 'All syncs' }).click()
    assert.include(await page.locator('#syncs').innerText(), 'Sync now')
    assert.include(await page.locator('#syncs').innerText(), 'Finished')
  })
})
