import { test } from '@japa/runner'
import { EMAILED_LINK_QUEUE } from '#services/platform/infrastructure/emailed_links'
import { queueFinished } from '#tests/helpers/queues'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import User from '#models/platform/user'
import AuditLog from '#models/platform/audit_log'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { BrowserLikeSession } from '#tests/helpers/http'
import {
  countRows,
  createOrganisation,
  createStaff,
  STAFF_PASSWORD,
  uniqueEmail,
} from '#tests/helpers/fixtures'
import { nextTotpCode, signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const NEW_PASSWORD = 'a brand new password for spring'
const NEUTRAL =
  'If that address belongs to a member of staff, we have sent a link to reset the password.'

async function askForLink(email: string, browser = new BrowserLikeSession()) {
  return browser.submit('/staff/forgotten-password', { email })
}

/** The path of the link in the newest reset email to the address, once more than `after` have come. */
async function resetLink(email: string, after = 0) {
  const mail = await eventually(async () => {
    const mails = smtpSink.mailTo(email).filter((m) => m.subject === 'Reset your staff password')
    if (mails.length <= after) throw new Error(`No new reset email to ${email}`)
    return mails[mails.length - 1]
  })
  const match = mail.text.match(/http:\/\/\S+\/staff\/reset-password\/[A-Za-z0-9_-]+/)
  if (!match) throw new Error(`No link in:\n${mail.text}`)
  return new URL(match[0]).pathname
}

async function passwordWorks(user: User, password: string) {
  try {
    await User.verifyCredentials(user.email, password)
    return true
  } catch {
    return false
  }
}

test.group('Staff password reset', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the sign-in page links to a form that emails a one-hour link', async ({ assert }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const browser = new BrowserLikeSession()
    const login = await browser.get('/staff/login')
    assert.include(
      login.text,
      '<a class="govuk-link" href="/staff/forgotten-password">Forgotten your password?</a>'
    )

    const form = await browser.get('/staff/forgotten-password')
    assert.include(form.text, 'Reset your password')
    const sent = await askForLink(sender.email.toUpperCase(), browser)
    assert.include(new URL(sent.url).pathname, '/staff/forgotten-password/check-your-email')
    assert.include(sent.text, NEUTRAL)

    const mail = await smtpSink.waitForMail(sender.email, (m) =>
      m.subject.startsWith('Reset your staff password')
    )
    assert.include(mail.text, `Hello ${sender.fullName},`)
    assert.include(mail.text, 'The link works once, for 60 minutes.')
    assert.include(mail.text, 'You will still need the code from your authenticator app')
    assert.include(mail.html, '/staff/reset-password/')

    // Only a hash of the link's secret is kept, for an hour.
    const token = (await resetLink(sender.email)).split('/').pop()!
    const rows = await db.from('staff_password_resets').where('user_id', sender.id)
    assert.lengthOf(rows, 1)
    assert.notInclude(JSON.stringify(rows), token)
    const expiresAt = DateTime.fromJSDate(new Date(rows[0].expires_at))
    assert.isTrue(expiresAt > DateTime.now().plus({ minutes: 55 }))
    assert.isTrue(expiresAt < DateTime.now().plus({ minutes: 61 }))
  })

  test('an address that is not a member of staff gets the same answer and no link', async ({
    assert,
  }) => {
    const email = uniqueEmail('stranger')
    const page = await askForLink(email)
    assert.equal(page.status, 200)
    assert.include(new URL(page.url).pathname, '/staff/forgotten-password/check-your-email')
    assert.include(page.text, NEUTRAL)
    // The request is handled by a worker after the answer: wait for it before looking.
    await queueFinished(EMAILED_LINK_QUEUE)
    assert.equal(await countRows('staff_password_resets'), 0)
  })

  test('the email address is checked, with the reason beside the field', async ({ assert }) => {
    const browser = new BrowserLikeSession()
    const empty = await askForLink('', browser)
    assert.include(empty.text, 'govuk-error-summary')
    assert.include(empty.text, 'Enter your email address')
    const wrong = await askForLink('not an address', browser)
    assert.include(
      wrong.text,
      'Enter an email address in the correct format, like name@example.com'
    )
    assert.include(new URL(wrong.url).pathname, '/staff/forgotten-password')
  })

  test('the link asks for the new password twice; opening it changes nothing', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    await askForLink(sender.email)
    const link = await resetLink(sender.email)
    const browser = new BrowserLikeSession()

    const page = await browser.get(link)
    assert.equal(page.status, 200)
    assert.include(page.text, 'Choose a new password')
    assert.include(page.text, sender.email)
    // Opened twice, e.g. by a mail scanner: still unused, the password unchanged.
    await browser.get(link)
    assert.isTrue(await passwordWorks(sender, STAFF_PASSWORD))
    const row = await db.from('staff_password_resets').where('user_id', sender.id).firstOrFail()
    assert.isNull(row.used_at)

    const empty = await browser.post(link, {})
    assert.include(empty.text, 'Enter a new password')
    const short = await browser.post(link, {
      password: 'too short',
      passwordConfirmation: 'too short',
    })
    assert.include(short.text, 'Your new password must be at least 12 characters long')
    const mismatch = await browser.post(link, {
      password: NEW_PASSWORD,
      passwordConfirmation: `${NEW_PASSWORD}!`,
    })
    assert.include(mismatch.text, 'The two passwords do not match')
    assert.include(mismatch.text, 'govuk-error-summary')
    assert.include(new URL(mismatch.url).pathname, link)
    assert.isTrue(await passwordWorks(sender, STAFF_PASSWORD))
  })

  test('a new password signs the person out everywhere, is audited, and still needs the second factor', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const elsewhere = await signInStaff(sender)
    await askForLink(sender.email)
    const link = await resetLink(sender.email)

    const browser = new BrowserLikeSession()
    await browser.get(link)
    const done = await browser.post(link, {
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    })
    assert.equal(new URL(done.url).pathname, '/staff/login')
    assert.include(
      done.text,
      'Your password has been changed. Sign in with your new password and the code from your authenticator app.'
    )
    assert.include(done.text, `value="${sender.email}"`)
    assert.isTrue(await passwordWorks(sender, NEW_PASSWORD))
    assert.isFalse(await passwordWorks(sender, STAFF_PASSWORD))

    // The browser signed in before the reset is signed out.
    const before = await elsewhere.get('/staff')
    assert.include(before.url, '/staff/login')
    const open = await db.from('staff_sessions').where('user_id', sender.id).whereNull('ended_at')
    assert.lengthOf(open, 0)

    const entry = await AuditLog.query().where('action', 'staff.password_reset').firstOrFail()
    assert.equal(entry.userId, sender.id)
    assert.equal(entry.subjectType, 'user')
    assert.equal(entry.subjectId, sender.id)
    assert.deepEqual(entry.details, { sessionsEnded: 1 })
    const notice = await smtpSink.waitForMail(
      sender.email,
      (mail) => mail.subject === 'Your staff password was changed'
    )
    assert.include(notice.text, 'If it was not you, contact an admin of your organisation')

    // The new password is the first step only.
    const challenge = await browser.submit('/staff/login', {
      email: sender.email,
      password: NEW_PASSWORD,
    })
    assert.include(challenge.text, 'Enter the code from your authenticator app')
    assert.include((await browser.get('/staff')).url, '/staff/login')
    await browser.get('/staff/two-factor')
    const signedIn = await browser.post('/staff/two-factor', { code: await nextTotpCode(sender) })
    assert.include(signedIn.text, `Sign out ${sender.fullName}`)
  })

  test('a used, expired, replaced or forged link says so and offers a new one', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const browser = new BrowserLikeSession()

    // A newer link replaces the older one.
    await askForLink(sender.email)
    const first = await resetLink(sender.email)
    await askForLink(sender.email)
    const second = await resetLink(sender.email, 1)
    assert.notEqual(first, second)
    const replaced = await browser.get(first)
    assert.equal(replaced.status, 404)
    assert.include(replaced.text, 'This link is not valid')
    assert.include(replaced.text, 'only the one in the newest email works')
    assert.include(replaced.text, 'href="/staff/forgotten-password"')
    const replacedPost = await browser.post(first, {
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    })
    assert.equal(replacedPost.status, 404)
    assert.isTrue(await passwordWorks(sender, STAFF_PASSWORD))

    // Used once, then never again.
    await browser.get(second)
    await browser.post(second, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })
    const reused = await browser.get(second)
    assert.equal(reused.status, 410)
    assert.include(reused.text, 'This link has already been used')
    assert.include(reused.text, 'Get a new link')
    const replay = await browser.post(second, {
      password: 'someone else entirely here',
      passwordConfirmation: 'someone else entirely here',
    })
    assert.equal(replay.status, 410)
    assert.isTrue(await passwordWorks(sender, NEW_PASSWORD))

    // Older than an hour.
    await askForLink(sender.email)
    const third = await resetLink(sender.email, 2)
    await db
      .from('staff_password_resets')
      .where('user_id', sender.id)
      .update({ expires_at: sqlTime(DateTime.now().minus({ minutes: 1 })) })
    const expired = await browser.get(third)
    assert.equal(expired.status, 410)
    assert.include(expired.text, 'This link has expired')
    assert.include(expired.text, 'Get a new link')
    const late = await browser.post(third, {
      password: 'too late for this password',
      passwordConfirmation: 'too late for this password',
    })
    assert.equal(late.status, 410)
    assert.isTrue(await passwordWorks(sender, NEW_PASSWORD))

    // Made up.
    for (const forged of [
      '/staff/reset-password/nonsense',
      `/staff/reset-password/${'A'.repeat(43)}`,
    ]) {
      const page = await browser.get(forged)
      assert.equal(page.status, 404, forged)
      assert.include(page.text, 'This link is not valid')
    }
    assert.equal(await countRows('audit_logs'), 1)
  })

  test('repeated requests are stopped as the sign-in form is', async ({ assert, cleanup }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const limit = config.get<number>('beacon.rateLimits.staffLogin')
    config.set('beacon.rateLimits.staffLogin', 2)
    cleanup(() => config.set('beacon.rateLimits.staffLogin', limit))

    const browser = new BrowserLikeSession()
    for (const attempt of [1, 2]) {
      assert.include((await askForLink(sender.email, browser)).text, NEUTRAL, `attempt ${attempt}`)
    }
    const blocked = await askForLink(sender.email, browser)
    assert.equal(blocked.status, 429)
    assert.include(blocked.text, 'Too many attempts')
    // Its own count: the sign-in form still works.
    const login = await browser.submit('/staff/login', {
      email: sender.email,
      password: STAFF_PASSWORD,
    })
    assert.include(login.text, 'Enter the code from your authenticator app')
  })
})
