import { test } from '@japa/runner'
import pluginHost from '#services/platform/plugins/plugin_host'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Plugin settings in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.teardown(() => pluginHost.refresh())

  test('an organisation admin sets up a plugin, keeps its secret, switches it on and, asked first, off', async ({
    visit,
    assert,
  }) => {
    const organisation = await createOrganisation('Northshire OPCC')
    const admin = await createStaff(organisation, 'admin')
    await pluginHost.setEnabled('relay-fixture', true)

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, admin)
    await page.getByRole('link', { name: 'Plugins' }).click()
    await page.assertTextContains('h1', 'Plugins')
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Manage Relay fixture' }).click()
    await page.assertTextContains('h1', 'Relay fixture')
    await assertAccessible(page)

    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.assertTextContains('.govuk-error-summary', 'Enter the endpoint address')
    await page.assertTextContains('.govuk-error-summary', 'Enter the API key')
    await assertAccessible(page)
    await page.locator('.govuk-error-summary a', { hasText: 'Enter the endpoint address' }).click()
    await page.locator('#organisation-endpoint:focus').waitFor()

    await page.getByLabel('Endpoint address').fill('https://relay.example.org/in')
    await page.getByLabel('API key', { exact: true }).fill('sk-live-0123456789')
    await page.getByLabel('Region (optional)').selectOption({ label: 'South' })
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.assertTextContains('.govuk-notification-banner', 'Relay fixture: settings saved.')
    assert.equal(await page.getByLabel('API key', { exact: true }).inputValue(), '')
    await page.assertTextContains('main', 'A value is saved; leave this blank to keep it.')
    assert.equal(await page.getByLabel('Region (optional)').inputValue(), 'south')
    await assertAccessible(page)

    await page.getByRole('button', { name: 'Enable for Northshire OPCC' }).click()
    await page.assertTextContains('#organisation-status', 'Enabled')
    await page.getByRole('button', { name: 'Disable for Northshire OPCC' }).click()
    await page.assertTextContains('h1', 'Disable Relay fixture for Northshire OPCC?')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Yes, disable Relay fixture' }).click()
    await page.assertTextContains(
      '.govuk-notification-banner',
      'Relay fixture is now disabled for Northshire OPCC.'
    )
    await page.assertTextContains('#organisation-status', 'Disabled')
  }).timeout(120_000)
})
