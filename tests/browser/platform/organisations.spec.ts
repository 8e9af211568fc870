import { test } from '@japa/runner'
import { skipQuestionsInBrowser } from '#tests/helpers/sign_up_fixtures'
import User from '#models/platform/user'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import {
  createOrganisation,
  createStaff,
  seedAreas,
  STAFF_PASSWORD,
  uniqueEmail,
} from '#tests/helpers/fixtures'
import { currentTotpStep, signInStaffInBrowser, totpCodeAt } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Organisations in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an install admin creates a second organisation and invites its admin, then suspends it; its staff see why', async ({
    visit,
  }) => {
    await seedAreas()
    const opcc = await createOrganisation('Northshire OPCC')
    const installAdmin = await createStaff(opcc, 'admin', { installAdmin: true })
    const email = uniqueEmail('fire-chief')

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, installAdmin)
    await page.getByRole('link', { name: 'Organisations' }).click()
    await page.assertTextContains('h1', 'Organisations')
    await page.assertTextContains('main', 'Only one organisation uses this service so far')
    await assertAccessible(page)

    await page.getByRole('button', { name: 'Create an organisation' }).click()
    await page.getByRole('button', { name: 'Create organisation' }).click()
    await page.assertTextContains('.govuk-error-summary', 'Enter the name of the organisation')
    await assertAccessible(page)
    await page.getByLabel('Name', { exact: true }).fill('Northshire Fire and Rescue')
    await page.getByLabel('Fire and rescue service').check()
    await page.getByLabel('Email address of its first admin (optional)').fill(email)
    await page.getByRole('button', { name: 'Create organisation' }).click()
    await page.assertTextContains(
      '.govuk-notification-banner',
      `Northshire Fire and Rescue has been created. An invitation to be its admin has been sent to ${email}.`
    )
    await assertAccessible(page)
    await page.getByRole('button', { name: /Sign out/ }).click()

    // The invited admin joins from the email (with the password the sign-in helper uses).
    const mail = await smtpSink.waitForMail(email)
    const link = mail.text.match(/http:\/\/\S+\/staff\/invitations\/[A-Za-z0-9_-]+/)![0]
    await page.goto(link)
    await page.assertTextContains('h1', 'Join Northshire Fire and Rescue')
    await page.getByLabel('Your name').fill('Fiona Fire')
    await page.getByLabel('Choose a password').fill(STAFF_PASSWORD)
    await page.getByLabel('Type the password again').fill(STAFF_PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    const secret = (await page.locator('#secret').innerText()).replace(/\s/g, '')
    await page
      .getByLabel('Enter the 6-digit code from your app')
      .fill(totpCodeAt(secret, currentTotpStep()))
    await page.getByRole('button', { name: 'Confirm' }).click()
    await page.getByRole('button', { name: 'I have saved these' }).click()
    await page.getByRole('link', { name: 'Team' }).waitFor()
    await page.getByRole('button', { name: 'Sign out Fiona Fire' }).click()

    // A resident who follows the fire service's sign-up link finds it ticked, among the others.
    await page.goto('/sign-up?organisation=northshire-fire-and-rescue')
    await page.getByRole('link', { name: 'Choose your ward from a list' }).click()
    await page.getByRole('link', { name: 'Boston', exact: true }).click()
    await page.getByLabel('Central (Boston)').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Your name').fill('Ada Resident')
    await page.getByLabel('Email address').fill(uniqueEmail())
    await page.getByRole('button', { name: 'Continue' }).click()
    await skipQuestionsInBrowser(page)
    await page.assertTextContains('h1', 'Who may send you alerts?')
    await page.assertChecked(page.getByLabel('Northshire Fire and Rescue'))
    await page.assertNotChecked(page.getByLabel('Northshire OPCC'))
    await page.getByLabel('Northshire Fire and Rescue').uncheck()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains(
      '.govuk-error-summary',
      'Select at least one organisation that may send you alerts'
    )
    await assertAccessible(page)

    // The install admin suspends it, after a page that asks why.
    await signInStaffInBrowser(page, installAdmin)
    await page.goto('/staff/settings/organisations')
    await page.getByRole('link', { name: 'Northshire Fire and Rescue' }).click()
    await page.getByRole('link', { name: /Suspend/ }).click()
    await page.assertTextContains('h1', 'Suspend Northshire Fire and Rescue?')
    await page.getByRole('button', { name: 'Suspend organisation' }).click()
    await page.assertTextContains('.govuk-error-summary', 'Enter the reason')
    await assertAccessible(page)
    await page.getByLabel('Why is it suspended?').fill('The service agreement ended on 31 March')
    await page.getByRole('button', { name: 'Suspend organisation' }).click()
    await page.assertTextContains(
      '.govuk-notification-banner',
      'Northshire Fire and Rescue is suspended.'
    )
    await page.getByRole('button', { name: /Sign out/ }).click()

    // Its staff see why, on every page.
    await signInStaffInBrowser(page, await User.findByOrFail('email', email))
    await page.assertTextContains(
      '#suspension-banner',
      'Northshire Fire and Rescue is suspended: The service agreement ended on 31 March. Alerts cannot be sent.'
    )
    await page.assertTextContains('#suspension-banner', installAdmin.email)
    await assertAccessible(page)
  })
})
