import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import User from '#models/platform/user'
import StaffPasswordReset from '#models/platform/staff_password_reset'
import StaffPasswordResets from '#services/platform/staff_accounts/staff_password_reset'
import TwoFactorReset from '#services/platform/staff_accounts/two_factor_reset'
import AuditLog from '#models/platform/audit_log'
import RecoveryCodes from '#services/platform/staff_accounts/recovery_codes'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createStaff, STAFF_PASSWORD } from '#tests/helpers/fixtures'
import {
  currentTotpStep,
  nextTotpCode,
  signInStaff,
  totpCodeAt,
  totpSecretOf,
} from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function passwordStep(user: User, browser = new BrowserLikeSession()) {
  const page = await browser.submit('/staff/login', { email: user.email, password: STAFF_PASSWORD })
  return { browser, page }
}

function shownSecret(text: string) {
  const match = text.match(/<code class="beacon-break-words" id="secret">([A-Z2-7 ]+)<\/code>/)
  if (!match) throw new Error(`No secret on the page:\n${text.slice(0, 3000)}`)
  return match[1].replace(/ /g, '')
}

function shownRecoveryCodes(text: string) {
  return [...text.matchAll(/<li><code>([0-9a-z]{5}-[0-9a-z]{5})<\/code><\/li>/g)].map(
    (match) => match[1]
  )
}

test.group('Two-factor sign-in', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a correct password alone signs nobody in', async ({ assert }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const { browser, page } = await passwordStep(sender)
    assert.include(page.url, '/staff/two-factor')
    assert.include(page.text, 'Enter the code from your authenticator app')
    assert.notInclude(page.text, 'Sign out')

    for (const path of ['/staff', '/staff/alerts/new', '/staff/account']) {
      const attempt = await browser.get(path)
      assert.include(attempt.url, '/staff/login', path)
      assert.include(attempt.text, 'Staff sign in')
    }
  })

  test('the code from the app signs the person in', async ({ assert }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const { browser } = await passwordStep(sender)
    const page = await browser.post('/staff/two-factor', { code: await nextTotpCode(sender) })
    assert.include(page.text, `Sign out ${sender.fullName}`)
    assert.equal(new URL(page.url).pathname, '/staff')
  })

  test('a wrong or empty code is refused and nobody is signed in', async ({ assert }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const { browser } = await passwordStep(sender)

    const empty = await browser.post('/staff/two-factor', { code: '' })
    assert.include(empty.text, 'Enter the 6-digit code from your authenticator app')

    const secret = await totpSecretOf(sender)
    // Three steps away is outside the drift Beacon allows, whichever way the clock ticks meanwhile.
    const stale = totpCodeAt(secret, currentTotpStep() - 3)
    const wrong = await browser.post('/staff/two-factor', { code: stale })
    assert.include(wrong.text, 'The code is not right')
    assert.include(wrong.text, 'govuk-error-summary')

    const nonsense = await browser.post('/staff/two-factor', { code: 'not a code' })
    assert.include(nonsense.text, 'The code is not right')
    assert.include((await browser.get('/staff')).url, '/staff/login')
  })

  test('a code from one step ahead (a phone clock a little fast) is accepted', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const { browser } = await passwordStep(sender)
    const code = totpCodeAt(await totpSecretOf(sender), currentTotpStep() + 1)
    const page = await browser.post('/staff/two-factor', { code })
    assert.include(page.text, 'Sign out')
  })

  test('a code already used is refused, even in another browser', async ({ assert }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const code = await nextTotpCode(sender)

    const first = await passwordStep(sender)
    assert.include((await first.browser.post('/staff/two-factor', { code })).text, 'Sign out')

    const second = await passwordStep(sender)
    const replay = await second.browser.post('/staff/two-factor', { code })
    assert.include(replay.text, 'That code has already been used')
    assert.notInclude(replay.text, 'Sign out')
    assert.include((await second.browser.get('/staff')).url, '/staff/login')
  })

  test('a recovery code signs in once, says how many are left, and is audited', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const codes = await RecoveryCodes.regenerate(sender)
    assert.lengthOf(codes, 10)

    const first = await passwordStep(sender)
    const page = await first.browser.post('/staff/two-factor', { code: codes[0].toUpperCase() })
    assert.include(page.text, 'Sign out')
    assert.include(page.text, 'You signed in with a recovery code. You have 9 recovery codes left.')
    const entry = await AuditLog.query()
      .where('action', 'two_factor.recovery_code_used')
      .firstOrFail()
    assert.equal(entry.userId, sender.id)
    assert.deepEqual(entry.details, { remaining: 9 })

    const again = await passwordStep(sender)
    const reused = await again.browser.post('/staff/two-factor', { code: codes[0] })
    assert.include(reused.text, 'The code is not right')
    assert.notInclude(reused.text, 'Sign out')

    const stored = await db.from('staff_recovery_codes').where('user_id', sender.id)
    assert.lengthOf(stored, 10)
    for (const row of stored) {
      assert.notInclude(
        codes.map((code) => code.replace('-', '')),
        row.code_hash
      )
    }
  })

  test('too many codes are stopped with a page that says when to try again', async ({
    assert,
    cleanup,
  }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const limit = config.get<number>('beacon.rateLimits.staffTwoFactor')
    config.set('beacon.rateLimits.staffTwoFactor', 2)
    cleanup(() => config.set('beacon.rateLimits.staffTwoFactor', limit))

    const { browser } = await passwordStep(sender)
    for (const code of ['000000', '111111']) {
      assert.include((await browser.post('/staff/two-factor', { code })).text, 'not right')
    }
    const blocked = await browser.post('/staff/two-factor', { code: await nextTotpCode(sender) })
    assert.equal(blocked.status, 429)
    assert.include(blocked.text, 'Too many attempts')
  })

  test('a password or two-factor reset ends a sign-in waiting for its code', async ({ assert }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const admin = await createStaff(organisation, 'admin')

    // Someone who had the old password waits at the code step; the owner resets the password.
    const { browser: byPassword } = await passwordStep(sender)
    const reset = await StaffPasswordReset.create({
      userId: sender.id,
      tokenHash: 'not used in this test',
      expiresAt: DateTime.now().plus({ minutes: 5 }),
    })
    await StaffPasswordResets.complete(reset, 'a brand new password for spring')
    const afterPassword = await byPassword.post('/staff/two-factor', {
      code: await nextTotpCode(sender),
    })
    assert.include(afterPassword.url, '/staff/login')
    assert.include(afterPassword.text, 'Sign in with your email address and password first.')
    assert.notInclude(afterPassword.text, 'Sign out')

    // An admin's reset of the second factor ends a waiting sign-in too, rather than offering a new app.
    const { browser: byTwoFactor } = await passwordStep(admin)
    await TwoFactorReset.reset(await User.findOrFail(admin.id), {
      name: 'Another admin',
      email: 'other@force.test',
      role: 'an admin',
    })
    const afterTwoFactor = await byTwoFactor.get('/staff/two-factor/setup')
    assert.include(afterTwoFactor.url, '/staff/login')
    assert.include(afterTwoFactor.text, 'Sign in with your email address and password first.')
  })

  test('the code pages send someone who has not given a password to the sign-in page', async ({
    assert,
  }) => {
    const browser = new BrowserLikeSession()
    for (const path of ['/staff/two-factor', '/staff/two-factor/setup']) {
      const page = await browser.get(path)
      assert.include(page.url, '/staff/login', path)
      assert.include(page.text, 'Sign in with your email address and password first.')
    }
  })
})

test.group('Setting up two-factor sign-in', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('someone without an app sets it up, gets 10 recovery codes once, and is signed in', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const officer = await createStaff(organisation, 'officer', undefined, { twoFactor: false })
    const { browser, page } = await passwordStep(officer)
    assert.include(page.url, '/staff/two-factor/setup')
    assert.include(page.text, 'Set up two-factor sign-in')
    assert.include(page.text, '<svg')
    const secret = shownSecret(page.text)

    // A reload shows the same secret, so a half-done scan still works.
    assert.equal(shownSecret((await browser.get('/staff/two-factor/setup')).text), secret)

    // Not signed in while setting up.
    assert.include((await browser.get('/staff/doorstep')).url, '/staff/login')
    await browser.get('/staff/two-factor/setup')

    const wrong = await browser.post('/staff/two-factor/setup', {
      code: totpCodeAt(secret, currentTotpStep() - 3),
    })
    assert.include(wrong.text, 'The code is not right')
    assert.include(wrong.text, 'Set up two-factor sign-in')

    const done = await browser.post('/staff/two-factor/setup', {
      code: totpCodeAt(secret, currentTotpStep()),
    })
    assert.include(done.text, 'Save your recovery codes')
    assert.include(done.text, 'I have saved these')
    const codes = shownRecoveryCodes(done.text)
    assert.lengthOf(codes, 10)
    assert.lengthOf(new Set(codes), 10)

    const dashboard = await browser.get('/staff')
    assert.include(dashboard.text, `Sign out ${officer.fullName}`)

    // The secret is encrypted at rest, and confirmed.
    const row = await db.from('users').where('id', officer.id).firstOrFail()
    assert.notInclude(row.totp_secret, secret)
    assert.isNotNull(row.totp_confirmed_at)
    assert.equal(await totpSecretOf(officer), secret)
    const entry = await AuditLog.query().where('action', 'two_factor.enrolled').firstOrFail()
    assert.equal(entry.userId, officer.id)

    // Next time, the code page, not the set-up page; and a recovery code from the page works.
    const again = await passwordStep(officer)
    assert.include(again.page.text, 'Enter the code from your authenticator app')
    const byRecovery = await again.browser.post('/staff/two-factor', { code: codes[3] })
    assert.include(byRecovery.text, 'You have 9 recovery codes left.')
  })

  test('the set-up page is not offered to someone who already has an app', async ({ assert }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const { browser } = await passwordStep(sender)
    const page = await browser.get('/staff/two-factor/setup')
    assert.include(page.url, '/staff/two-factor')
    assert.notInclude(page.url, 'setup')
    const before = await totpSecretOf(sender)
    const attempt = await browser.post('/staff/two-factor/setup', { code: '123456' })
    assert.notInclude(attempt.text, 'Save your recovery codes')
    assert.equal(await totpSecretOf(sender), before)
  })
})

/** A signed-in analyst with ten recovery codes, and those codes. */
async function analystWithCodes() {
  const analyst = await createStaff(await createOrganisation(), 'analyst')
  const old = await RecoveryCodes.regenerate(analyst)
  return { analyst, old, browser: await signInStaff(analyst) }
}

test.group('Recovery codes', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a signed-in member of staff replaces their codes after confirming; the old ones stop working', async ({
    assert,
  }) => {
    const { analyst, old, browser } = await analystWithCodes()

    const account = await browser.get('/staff/account')
    assert.include(account.text, 'Your account')
    assert.include(account.text, '10 unused')

    const confirm = await browser.get('/staff/account/recovery-codes')
    assert.include(confirm.text, 'Create new recovery codes?')
    assert.include(confirm.text, 'Your current recovery codes will stop working at once')
    assert.equal(await RecoveryCodes.remaining(analyst), 10)

    // Re-authentication: the password and a current code from the app (a stolen session has neither).
    const page = await browser.post('/staff/account/recovery-codes', {
      password: STAFF_PASSWORD,
      code: await nextTotpCode(analyst),
    })
    const fresh = shownRecoveryCodes(page.text)
    assert.lengthOf(fresh, 10)
    assert.include(page.text, 'Your earlier recovery codes no longer work.')
    assert.notInclude(fresh, old[0])
    const entry = await AuditLog.query()
      .where('action', 'two_factor.recovery_codes_regenerated')
      .firstOrFail()
    assert.equal(entry.userId, analyst.id)

    const { browser: other } = await passwordStep(analyst)
    assert.include((await other.post('/staff/two-factor', { code: old[0] })).text, 'not right')
    assert.include((await other.post('/staff/two-factor', { code: fresh[0] })).text, 'Sign out')
  })

  test('new codes need the current password and a current code from the app', async ({
    assert,
  }) => {
    const { analyst, old, browser } = await analystWithCodes()
    const form = await browser.get('/staff/account/recovery-codes')
    assert.include(form.text, 'Enter your password')
    assert.include(form.text, 'Enter the code from your authenticator app')

    const bare = await browser.post('/staff/account/recovery-codes')
    assert.include(bare.text, 'govuk-error-summary')
    assert.include(bare.text, 'Enter your password')
    assert.lengthOf(shownRecoveryCodes(bare.text), 0)

    const wrongPassword = await browser.post('/staff/account/recovery-codes', {
      password: 'not my password',
      code: await nextTotpCode(analyst),
    })
    assert.include(wrongPassword.text, 'Your password is not right')
    const wrongCode = await browser.post('/staff/account/recovery-codes', {
      password: STAFF_PASSWORD,
      code: '000000',
    })
    assert.include(wrongCode.text, 'The code is not right')
    assert.lengthOf(shownRecoveryCodes(wrongCode.text), 0)

    // Nothing changed: the old codes still work, and no regeneration was audited.
    assert.equal(await RecoveryCodes.remaining(analyst), 10)
    assert.lengthOf(
      await AuditLog.query().where('action', 'two_factor.recovery_codes_regenerated'),
      0
    )
    const { browser: other } = await passwordStep(analyst)
    assert.include((await other.post('/staff/two-factor', { code: old[0] })).text, 'Sign out')
  })

  test('signing out ends the session for good', async ({ assert }) => {
    const organisation = await createOrganisation()
    const browser = await signInStaff(await createStaff(organisation, 'sender'))
    await browser.get('/staff')
    const out = await browser.post('/staff/logout')
    assert.include(out.url, '/staff/login')
    const ended = await db.from('staff_sessions').whereNotNull('ended_at').count('* as total')
    assert.equal(Number(ended[0].total), 1)
  })
})
