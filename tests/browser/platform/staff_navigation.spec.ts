import { test } from '@japa/runner'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { assertAccessible } from '#tests/helpers/accessibility'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('The staff menu in a browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an admin finds each page under its group heading and goes there', async ({
    visit,
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const admin = await createStaff(organisation, 'admin')
    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, admin)

    const menu = page.getByRole('navigation', { name: 'Staff menu' })
    const headings = await menu.getByRole('heading').allInnerTexts()
    assert.deepEqual(
      headings.map((text) => text.trim()),
      ['Alerts', 'Residents', 'Reports', 'Settings', 'You']
    )
    const settings = menu.getByRole('list', { name: 'Settings' })
    assert.deepEqual(
      (await settings.getByRole('link').allInnerTexts()).map((text) => text.trim()),
      ['Team', 'Branding', 'Approval', 'Tracking', 'API tokens', 'Plugins']
    )
    await assertAccessible(page)
    await settings.getByRole('link', { name: 'Approval' }).click()
    await page.getByRole('heading', { name: 'Approval', level: 1 }).waitFor()
    await page.getByRole('heading', { name: 'Warnings before sending' }).waitFor()
    await assertAccessible(page)
  })

  test('an officer sees only doorstep sign-up, and a page outside their role refuses them', async ({
    visit,
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const officer = await createStaff(organisation, 'officer')
    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, officer)

    const menu = page.getByRole('navigation', { name: 'Staff menu' })
    const links = (await menu.getByRole('link').allInnerTexts()).map((text) => text.trim())
    assert.deepEqual(links, ['Alerts', 'Doorstep sign-up', 'Your account'])
    assert.equal(await page.getByRole('link', { name: 'New alert' }).count(), 0)
    await assertAccessible(page)

    const refused = await page.goto('/staff/alerts/new')
    assert.equal(refused?.status(), 403)
    await page.getByText('You cannot see this page').waitFor()
  })

  test('an admin opens the audit log from Reports, filters it, and finds the empty list of imports', async ({
    visit,
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const admin = await createStaff(organisation, 'admin')
    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, admin)
    // Something to find: the approval setting changed once.
    await page.goto('/staff/settings/approval')
    await page.getByLabel('Alerts need approval before sending').check()
    await page.getByRole('button', { name: 'Save' }).click()

    const menu = page.getByRole('navigation', { name: 'Staff menu' })
    await menu
      .getByRole('list', { name: 'Reports' })
      .getByRole('link', { name: 'Audit log' })
      .click()
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor()
    await page
      .getByLabel('Action', { exact: true })
      .selectOption({ label: 'Organisation approval changed' })
    await page.getByRole('button', { name: 'Search' }).click()
    await page.assertTextContains('#audit-entries', 'Organisation approval changed')
    assert.include(page.url(), 'action=organisation.approval_changed')
    await assertAccessible(page)

    await menu.getByRole('link', { name: 'Residents', exact: true }).click()
    await page.getByRole('link', { name: 'Earlier imports and checks' }).click()
    await page.assertTextContains('#no-imports', 'No file has been imported or checked yet.')
    await assertAccessible(page)
  })
})
