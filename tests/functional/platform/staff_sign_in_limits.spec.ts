import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import type User from '#models/platform/user'
import StaffSignInLimits from '#services/platform/staff_accounts/staff_sign_in_limits'
import StaffAccountUnderAttack from '#services/platform/staff_accounts/staff_account_under_attack'
import StaffPasswordResets from '#services/platform/staff_accounts/staff_password_reset'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { BrowserLikeSession } from '#tests/helpers/http'
import {
  createOrganisation,
  createStaff,
  STAFF_PASSWORD,
  uniqueEmail,
} from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const WARNING = 'Someone is trying to sign in to your staff account'

function signIn(email: string, password: string, browser = new BrowserLikeSession()) {
  return browser.submit('/staff/login', { email, password })
}

/** Limits small enough for a test; every count goes afterwards, so other tests start clean. */
function limitFailures(
  { perAccount, perAddress }: { perAccount: number; perAddress: number },
  cleanup: (callback: () => Promise<void> | void) => void
) {
  const before = {
    perAccount: config.get<number>('beacon.rateLimits.staffSignInFailuresPerAccount'),
    perAddress: config.get<number>('beacon.rateLimits.staffSignInFailuresPerAddress'),
  }
  config.set('beacon.rateLimits.staffSignInFailuresPerAccount', perAccount)
  config.set('beacon.rateLimits.staffSignInFailuresPerAddress', perAddress)
  cleanup(async () => {
    config.set('beacon.rateLimits.staffSignInFailuresPerAccount', before.perAccount)
    config.set('beacon.rateLimits.staffSignInFailuresPerAddress', before.perAddress)
    await limiter.clear()
    await StaffAccountUnderAttack.forgetWarnings()
  })
}

/**
 * Warnings received by the holder, counted once a later email to them has
 * arrived: the mail queue sends in order, so a second warning would be there by then.
 */
async function warningsTo(user: User) {
  await StaffPasswordResets.request(user.email)
  await smtpSink.waitForMail(user.email, (mail) => mail.subject.startsWith('Reset your'))
  return smtpSink.mailTo(user.email).filter((mail) => mail.subject === WARNING)
}

test.group('Staff sign-in: failures per account and per address', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('one account tried too often is paused, even for the right password, and its holder is told once', async ({
    assert,
    cleanup,
  }) => {
    limitFailures({ perAccount: 3, perAddress: 100 }, cleanup)
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const browser = new BrowserLikeSession()

    for (const attempt of [1, 2, 3]) {
      const page = await signIn(sender.email, `guess number ${attempt}`, browser)
      assert.include(page.text, 'The email address or password is not right', `attempt ${attempt}`)
    }
    const warning = await smtpSink.waitForMail(sender.email, (mail) => mail.subject === WARNING)
    assert.include(warning.text, `Hello ${sender.fullName},`)
    assert.include(
      warning.text,
      'sign-in is paused for up to 15 minutes, even with the right password'
    )
    assert.include(warning.text, '/staff/forgotten-password')

    // The right password, from a fresh browser, is refused until the window passes.
    const right = await signIn(sender.email, STAFF_PASSWORD)
    assert.equal(right.status, 429)
    assert.include(right.text, 'Too many attempts')
    assert.notInclude(right.text, 'Enter the code from your authenticator app')
    for (const attempt of [4, 5]) {
      assert.equal((await signIn(sender.email, `guess number ${attempt}`)).status, 429)
    }
    assert.lengthOf(await warningsTo(sender), 1)
  })

  // Before: nothing cleared the count, so whoever knew an admin's email could keep them out for good.
  test('a new password, from a reset email or a staff:sign-in-link link, lets the holder back in at once', async ({
    assert,
    cleanup,
  }) => {
    limitFailures({ perAccount: 3, perAddress: 100 }, cleanup)
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    for (const address of ['203.0.113.7', '198.51.100.23', '2001:db8::5']) {
      await StaffSignInLimits.recordFailure(sender.email, address)
    }
    const warning = await smtpSink.waitForMail(sender.email, (mail) => mail.subject === WARNING)
    assert.include(
      warning.text,
      'To get back in at once, choose a new password: that ends the pause for your account.'
    )
    assert.equal((await signIn(sender.email, STAFF_PASSWORD)).status, 429)

    // The link staff:sign-in-link prints, or the one "Forgotten your password?" emails.
    const link = new URL(await StaffPasswordResets.issue(sender, 'reset')).pathname
    const browser = new BrowserLikeSession()
    await browser.get(link)
    const newPassword = 'a brand new staple for the horse'
    await browser.post(link, { password: newPassword, passwordConfirmation: newPassword })
    const page = await signIn(sender.email, newPassword)
    assert.equal(page.status, 200)
    assert.include(page.text, 'Enter the code from your authenticator app')
  })

  test('failures for one account from many addresses add up', async ({ assert, cleanup }) => {
    limitFailures({ perAccount: 3, perAddress: 100 }, cleanup)
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')

    // Three machines of a botnet, each well inside the per-address limits.
    for (const address of ['203.0.113.7', '198.51.100.23', '2001:db8::5']) {
      await StaffSignInLimits.recordFailure(sender.email.toUpperCase(), address)
    }
    const right = await signIn(sender.email, STAFF_PASSWORD)
    assert.equal(right.status, 429)
    assert.include(right.text, 'Too many attempts')
    await smtpSink.waitForMail(sender.email, (mail) => mail.subject === WARNING)

    // Another member of staff is not affected.
    const other = await createStaff(organisation, 'sender')
    const theirs = await signIn(other.email, STAFF_PASSWORD)
    assert.include(theirs.text, 'Enter the code from your authenticator app')
  })

  test('one address trying many accounts is stopped for every account', async ({
    assert,
    cleanup,
  }) => {
    limitFailures({ perAccount: 100, perAddress: 3 }, cleanup)
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')

    // Password spraying from this test's address: three accounts (two do not exist), one guess each.
    for (const email of [uniqueEmail('a'), uniqueEmail('b'), sender.email]) {
      const page = await signIn(email, 'Summer2026!')
      assert.include(page.text, 'The email address or password is not right')
    }
    const next = await signIn(sender.email, STAFF_PASSWORD)
    assert.equal(next.status, 429)
    assert.include(next.text, 'Too many attempts')

    // The count is the address's: the same account from elsewhere is not held up by it.
    await StaffSignInLimits.guard(sender.email, '203.0.113.7')
    // Nobody was warned: no account reached its own limit.
    assert.lengthOf(await warningsTo(sender), 0)
  })

  test('wrong two-factor codes count as failures too', async ({ assert, cleanup }) => {
    limitFailures({ perAccount: 2, perAddress: 100 }, cleanup)
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const browser = new BrowserLikeSession()
    await signIn(sender.email, STAFF_PASSWORD, browser)
    for (const code of ['000000', '111111']) {
      assert.include((await browser.post('/staff/two-factor', { code })).text, 'not right')
    }
    await smtpSink.waitForMail(sender.email, (mail) => mail.subject === WARNING)
    const again = await signIn(sender.email, STAFF_PASSWORD)
    assert.equal(again.status, 429)
    await assert.rejects(
      () => StaffSignInLimits.guard(sender.email, '198.51.100.1'),
      limiterErrors.E_TOO_MANY_REQUESTS
    )
  })
})
