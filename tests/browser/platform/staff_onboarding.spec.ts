import { test } from '@japa/runner'
import Membership from '#models/platform/membership'
import User from '#models/platform/user'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createStaff, uniqueEmail } from '#tests/helpers/fixtures'
import { currentTotpStep, signInStaffInBrowser, totpCodeAt } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const PASSWORD = 'lighthouse keeper evening tide'

test.group('Staff onboarding', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an admin invites someone, who sets a password and two-factor sign-in, then signs in with a recovery code', async ({
    visit,
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const admin = await createStaff(organisation, 'admin')
    const email = uniqueEmail('new-officer')

    // The admin invites a new officer.
    const page = await visit('/staff/login')
    await assertAccessible(page)
    await signInStaffInBrowser(page, admin)
    await page.getByRole('link', { name: 'Team' }).click()
    await page.assertTextContains('h1', 'Team')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Invite someone' }).click()
    await page.assertTextContains('h1', 'Invite someone to Lincolnshire Police')
    await assertAccessible(page)
    await page.getByLabel('Their email address').fill(email)
    await page.getByLabel('Officer').check()
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await page.assertTextContains(
      '.govuk-notification-banner',
      `An invitation has been sent to ${email}.`
    )
    await page.assertTextContains('#invitations', email)
    await assertAccessible(page)
    await page.getByRole('button', { name: /Sign out/ }).click()

    // The invitation arrives by email.
    const mail = await smtpSink.waitForMail(email)
    assert.equal(mail.subject, 'You are invited to join Lincolnshire Police on Community alerts')
    const link = mail.text.match(/http:\/\/\S+\/staff\/invitations\/[A-Za-z0-9_-]+/)![0]

    // The invitee chooses a name and password…
    await page.goto(link)
    await page.assertTextContains('h1', 'Join Lincolnshire Police on Community alerts')
    await assertAccessible(page)
    await page.getByLabel('Your name').fill('Olive Officer')
    await page.getByLabel('Choose a password').fill('too short')
    await page.getByLabel('Type the password again').fill('too short')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.assertTextContains(
      '.govuk-error-summary',
      'Your password must be at least 12 characters long'
    )
    await assertAccessible(page)
    await page.getByLabel('Your name').fill('Olive Officer')
    await page.getByLabel('Choose a password').fill(PASSWORD)
    await page.getByLabel('Type the password again').fill(PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()

    // …sets up an authenticator app from the key on the page…
    await page.assertTextContains('h1', 'Set up two-factor sign-in')
    await assertAccessible(page)
    const secret = (await page.locator('#secret').innerText()).replace(/\s/g, '')
    await page.getByLabel('Enter the 6-digit code from your app').fill('000000')
    await page.getByRole('button', { name: 'Confirm' }).click()
    await page.assertTextContains('.govuk-error-summary', 'The code is not right')
    await assertAccessible(page)
    await page
      .getByLabel('Enter the 6-digit code from your app')
      .fill(totpCodeAt(secret, currentTotpStep()))
    await page.getByRole('button', { name: 'Confirm' }).click()

    // …saves the recovery codes and lands on the dashboard.
    await page.assertTextContains('h1', 'Save your recovery codes')
    await assertAccessible(page)
    const codes = await page.locator('#recovery-codes code').allInnerTexts()
    assert.lengthOf(codes, 10)
    await page.getByRole('button', { name: 'I have saved these' }).click()
    await page.getByRole('button', { name: 'Sign out Olive Officer' }).waitFor()
    await page.assertTextContains('h1', 'Alerts')
    await assertAccessible(page)
    const user = await User.findByOrFail('email', email)
    const membership = await Membership.findByOrFail('userId', user.id)
    assert.equal(membership.role, 'officer')
    assert.equal(membership.organisationId, organisation.id)

    // Later, without the phone: a recovery code instead.
    await page.getByRole('button', { name: 'Sign out Olive Officer' }).click()
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.assertTextContains('h1', 'Enter the code from your authenticator app')
    await assertAccessible(page)
    await page.getByLabel('Enter the code from your authenticator app').fill(codes[0])
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains(
      '.govuk-notification-banner',
      'You signed in with a recovery code. You have 9 recovery codes left.'
    )
    await page.getByRole('link', { name: 'Your account' }).click()
    await page.assertTextContains('#recovery-codes-left', '9 unused')
    await assertAccessible(page)
    await page.getByRole('link', { name: /Create new codes/ }).click()
    await page.assertTextContains('h1', 'Create new recovery codes?')
    await assertAccessible(page)
  })
})
