import { test } from '@japa/runner'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { enableFixturePlugin } from '#tests/helpers/plugin_fixture'

test.group('Plugins in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an approver finds a plugin’s page under Reports in the grouped menu', async ({
    visit,
    assert,
    cleanup,
  }) => {
    await enableFixturePlugin(cleanup)
    const organisation = await createOrganisation('Lincolnshire OPCC')
    const approver = await createStaff(organisation, 'approver')

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, approver)
    await page.goto('/staff')
    const menu = page.getByRole('navigation', { name: 'Staff menu' })
    const reports = menu.getByRole('list', { name: 'Reports' })
    await reports.getByRole('link', { name: 'Fixture report' }).click()
    await page.getByRole('heading', { name: 'Fixture report' }).waitFor()
    await page.assertTextContains('#scope', `Organisation ${organisation.id}, role approver`)
    assert.equal(await menu.getByRole('list', { name: 'Settings' }).count(), 0)
    await assertAccessible(page)
  })

  test('an alert’s public page shows a plugin’s slot, and stays accessible', async ({
    visit,
    cleanup,
  }) => {
    await enableFixturePlugin(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const alert = await alertFor(organisation, [central], { title: 'Road closed at the bridge' })

    const page = await visit(`/alerts/${alert.id}`)
    await page.getByRole('heading', { name: 'Share this alert' }).waitFor()
    await page.assertTextContains('#fixture-share', 'Road closed at the bridge')
    await assertAccessible(page)
  })
})
