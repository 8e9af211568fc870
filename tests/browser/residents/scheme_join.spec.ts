import { test } from '@japa/runner'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { createScheme } from '#tests/helpers/resident_fixtures'
import { coordinate } from '#tests/helpers/coordination_fixtures'
import { signInResidentInBrowser } from '#tests/helpers/resident_browser'
import { withoutJavaScript } from '#tests/helpers/no_script'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Asking to join a watch scheme in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident asks without JavaScript, the coordinator approves, and the resident sees they are a member', async ({
    browser,
    visit,
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Northshire Police')
    await createScheme('Elm Road Watch', 'neighbourhood_watch', central)
    const scheme = await createScheme('Mill Lane Watch', 'neighbourhood_watch', central)
    const coordinator = await createStaff(organisation, 'coordinator', 'coordinator@north.test')
    await coordinate(coordinator, organisation, [scheme])
    const resident = await createResident(central, [organisation], {
      name: 'Rhiannon Resident',
      email: 'rhiannon@resident.test',
    })

    // The resident, in a browser without JavaScript.
    await withoutJavaScript(browser, async (page) => {
      await signInResidentInBrowser(page, resident)
      await page.goto('/my-alerts/schemes')
      await page
        .getByRole('link', { name: 'Find a watch scheme near you and ask to join it' })
        .click()
      await page.getByRole('heading', { name: 'Watch schemes near you' }).waitFor()
      await page.getByRole('button', { name: 'Ask to join Mill Lane Watch' }).click()
      await page.getByText('You have asked to join Mill Lane Watch.').waitFor()
      await page.locator(`#scheme-${scheme.id}`).getByText('Request pending').waitFor()
    })

    // The coordinator, with JavaScript.
    const staff = await visit('/staff/login')
    await signInStaffInBrowser(staff, coordinator)
    await staff.getByRole('link', { name: 'Requests to join schemes' }).first().click()
    await staff.getByRole('link', { name: 'Decide on Rhiannon Resident’s request' }).click()
    await staff.getByRole('button', { name: 'Approve: add them to the scheme' }).click()
    await staff.getByText('Rhiannon Resident is now a member of Mill Lane Watch.').waitFor()
    await staff.getByRole('link', { name: 'Your schemes' }).first().click()
    await staff.getByRole('link', { name: 'Mill Lane Watch', exact: true }).click()
    await staff.getByRole('cell', { name: 'Rhiannon Resident' }).waitFor()

    const mail = await smtpSink.waitForMail('rhiannon@resident.test', (received) =>
      received.subject.includes('You have joined Mill Lane Watch')
    )
    assert.include(mail.text, 'You are now a member of Mill Lane Watch.')

    // The resident sees it, and the page passes axe.
    const page = await visit('/')
    await signInResidentInBrowser(page, resident)
    await page.goto('/my-alerts/schemes/near')
    await page.locator(`#scheme-${scheme.id}`).getByText('You are a member').waitFor()
    await page.getByRole('button', { name: 'Ask to join Elm Road Watch' }).waitFor()
    await assertAccessible(page)
    await page.goto('/my-alerts/account')
    await page.getByText('Mill Lane Watch').first().waitFor()
  })
})
