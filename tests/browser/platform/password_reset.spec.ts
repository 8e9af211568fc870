import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Membership from '#models/platform/membership'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createStaff, STAFF_PASSWORD } from '#tests/helpers/fixtures'
import { nextTotpCode, signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const NEW_PASSWORD = 'harbour lights at low tide'

test.group('Staff password reset and two-factor reset', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('someone who forgot their password gets a link by email, chooses a new one and signs in with their code', async ({
    visit,
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const sender = await createStaff(organisation, 'sender')

    const page = await visit('/staff/login')
    await page.getByRole('link', { name: 'Forgotten your password?' }).click()
    await page.assertTextContains('h1', 'Reset your password')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Send the link' }).click()
    await page.assertTextContains('.govuk-error-summary', 'Enter your email address')
    await assertAccessible(page)
    await page.getByLabel('Email address').fill(sender.email)
    await page.getByRole('button', { name: 'Send the link' }).click()
    await page.assertTextContains('h1', 'Check your email')
    await page.assertTextContains(
      '#neutral-answer',
      'If that address belongs to a member of staff, we have sent a link to reset the password.'
    )
    await assertAccessible(page)

    const mail = await smtpSink.waitForMail(sender.email, (m) =>
      m.subject.startsWith('Reset your staff password')
    )
    const link = mail.text.match(/http:\/\/\S+\/staff\/reset-password\/[A-Za-z0-9_-]+/)![0]

    await page.goto(link)
    await page.assertTextContains('h1', 'Choose a new password')
    await assertAccessible(page)
    await page.getByLabel('New password', { exact: true }).fill('too short')
    await page.getByLabel('Type the new password again').fill('too short')
    await page.getByRole('button', { name: 'Change password' }).click()
    await page.assertTextContains(
      '.govuk-error-summary',
      'Your new password must be at least 12 characters long'
    )
    await assertAccessible(page)
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('Type the new password again').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Change password' }).click()

    await page.assertTextContains('h1', 'Staff sign in')
    await page.assertTextContains('.govuk-notification-banner', 'Your password has been changed.')
    await assertAccessible(page)
    await page.getByLabel('Password').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.assertTextContains('h1', 'Enter the code from your authenticator app')
    await page.getByText('I cannot use my app or my recovery codes').click()
    await page.assertTextContains(
      '.govuk-details__text',
      'ask an admin of your organisation to reset'
    )
    await assertAccessible(page)
    await page
      .getByLabel('Enter the code from your authenticator app')
      .fill(await nextTotpCode(sender))
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: `Sign out ${sender.fullName}` }).waitFor()
    await page.assertTextContains('h1', 'Alerts')
    await assertAccessible(page)

    // The link worked once.
    await page.goto(link)
    await page.assertTextContains('h1', 'This link has already been used')
    await assertAccessible(page)
    assert.isNotNull(
      (await db.from('staff_password_resets').where('user_id', sender.id).firstOrFail()).used_at
    )
  })

  test('an admin resets the two-factor sign-in of a member who lost their phone', async ({
    visit,
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const admin = await createStaff(organisation, 'admin')
    const officer = await createStaff(organisation, 'officer')

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, admin)
    await page.getByRole('link', { name: 'Team' }).click()
    await page
      .getByRole('link', { name: `Reset two-factor sign-in for ${officer.fullName}` })
      .click()
    await page.assertTextContains('h1', `Reset two-factor sign-in for ${officer.fullName}?`)
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Reset two-factor sign-in' }).click()
    await page.assertTextContains(
      '.govuk-notification-banner',
      `Two-factor sign-in for ${officer.fullName} has been reset.`
    )
    await assertAccessible(page)
    const mail = await smtpSink.waitForMail(officer.email, (m) =>
      m.subject.startsWith('Two-factor sign-in for your staff account was reset')
    )
    assert.include(mail.text, admin.email)

    // At their next sign-in, the officer sets up an authenticator app again.
    await page.getByRole('button', { name: /Sign out/ }).click()
    await page.getByLabel('Email address').fill(officer.email)
    await page.getByLabel('Password').fill(STAFF_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.assertTextContains('h1', 'Set up two-factor sign-in')
    const membership = await Membership.findByOrFail('userId', officer.id)
    assert.equal(membership.role, 'officer')
  })
})
