import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Membership from '#models/platform/membership'
import StaffInvitation from '#models/platform/staff_invitation'
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
import {
  currentTotpStep,
  nextTotpCode,
  signInStaff,
  totpCodeAt,
} from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const NEW_PASSWORD = 'a long enough new password'

async function invite(admin: BrowserLikeSession, email: string, role = 'sender') {
  return admin.submit(
    '/staff/team/invitations/new',
    { email, role },
    {
      action: '/staff/team/invitations',
    }
  )
}

/** The link in the newest invitation email to the address, once more than `after` have come. */
async function invitationLink(email: string, after = 0) {
  const mail = await eventually(async () => {
    const mails = smtpSink.mailTo(email).filter((m) => m.subject.startsWith('You are invited'))
    if (mails.length <= after) throw new Error(`No new invitation to ${email}`)
    return mails[mails.length - 1]
  })
  const match = mail.text.match(/http:\/\/\S+\/staff\/invitations\/[A-Za-z0-9_-]+/)
  if (!match) throw new Error(`No link in:\n${mail.text}`)
  return new URL(match[0]).pathname
}

async function setUp() {
  const organisation = await createOrganisation('Lincolnshire Police')
  const admin = await createStaff(organisation, 'admin')
  return { organisation, admin, browser: await signInStaff(admin) }
}

test.group('Inviting staff', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an admin invites by email; the link sets up a new account with two-factor sign-in', async ({
    assert,
  }) => {
    const { organisation, admin, browser } = await setUp()
    const email = uniqueEmail('newcomer')
    const sent = await invite(browser, email.toUpperCase(), 'approver')
    assert.include(sent.text, `An invitation has been sent to ${email}.`)
    assert.include(sent.text, 'Invitations not yet accepted')
    assert.include(sent.text, email)

    const mail = await smtpSink.waitForMail(email)
    assert.equal(mail.subject, 'You are invited to join Lincolnshire Police on Community alerts')
    assert.include(mail.text, `${admin.fullName} has invited you to join Lincolnshire Police`)
    assert.include(mail.text, 'for 7 days')
    const link = await invitationLink(email)
    const token = link.split('/').pop()!
    const invitation = await StaffInvitation.findByOrFail('email', email)
    assert.notEqual(invitation.tokenHash, token)
    assert.notInclude(JSON.stringify(await db.from('staff_invitations')), token)
    const sentEntry = await AuditLog.query().where('action', 'staff_invitation.sent').firstOrFail()
    assert.equal(sentEntry.userId, admin.id)

    // Opening the link changes nothing.
    const invitee = new BrowserLikeSession()
    const page = await invitee.get(link)
    assert.include(page.text, 'Join Lincolnshire Police on Community alerts')
    assert.include(page.text, 'You have been invited as <strong>approver</strong>')
    await invitation.refresh()
    assert.isNull(invitation.acceptedAt)
    assert.isNull(await User.findBy('email', email))

    const done = await invitee.post(link, {
      fullName: 'Nia Newcomer',
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    })
    assert.include(done.url, '/staff/two-factor/setup')
    assert.include(done.text, 'Set up two-factor sign-in')
    // Not signed in until the app is set up.
    assert.include((await invitee.get('/staff')).url, '/staff/login')

    const setup = await invitee.get('/staff/two-factor/setup')
    const secret = setup.text.match(/id="secret">([A-Z2-7 ]+)</)![1].replace(/ /g, '')
    const codes = await invitee.post('/staff/two-factor/setup', {
      code: totpCodeAt(secret, currentTotpStep()),
    })
    assert.include(codes.text, 'Save your recovery codes')
    const dashboard = await invitee.get('/staff')
    assert.include(dashboard.text, 'Sign out Nia Newcomer')

    const user = await User.findByOrFail('email', email)
    const membership = await Membership.findByOrFail('userId', user.id)
    assert.equal(membership.organisationId, organisation.id)
    assert.equal(membership.role, 'approver')
    await invitation.refresh()
    assert.isNotNull(invitation.acceptedAt)
    assert.equal(invitation.acceptedByUserId, user.id)
    assert.isTrue((await (await User.verifyCredentials(email, NEW_PASSWORD)).id) === user.id)

    // The same link again: already used.
    const reused = await new BrowserLikeSession().get(link)
    assert.equal(reused.status, 410)
    assert.include(reused.text, 'This invitation has already been used')
  })

  test('a weak, mismatched or missing password or name is explained and nothing is saved', async ({
    assert,
  }) => {
    const { browser } = await setUp()
    const email = uniqueEmail('weak')
    await invite(browser, email)
    const link = await invitationLink(email)
    const invitee = new BrowserLikeSession()
    await invitee.get(link)

    const short = await invitee.post(link, {
      fullName: '',
      password: 'short pass',
      passwordConfirmation: 'short pass',
    })
    assert.include(short.text, 'Enter your name')
    assert.include(short.text, 'Your password must be at least 12 characters long')
    assert.notInclude(short.text, 'short pass')

    const mismatch = await invitee.post(link, {
      fullName: 'Nia',
      password: NEW_PASSWORD,
      passwordConfirmation: `${NEW_PASSWORD}!`,
    })
    assert.include(mismatch.text, 'The two passwords do not match')
    assert.isNull(await User.findBy('email', email))
    assert.isNull((await StaffInvitation.findByOrFail('email', email)).acceptedAt)
  })

  test('expired, revoked, replaced and forged links each get a clear page', async ({ assert }) => {
    const { browser } = await setUp()
    const visitor = new BrowserLikeSession()

    const forged = await visitor.get(`/staff/invitations/${'A'.repeat(43)}`)
    assert.equal(forged.status, 404)
    assert.include(forged.text, 'This invitation link is not valid')
    assert.include((await visitor.get('/staff/invitations/short')).text, 'not valid')

    const late = uniqueEmail('late')
    await invite(browser, late)
    const lateLink = await invitationLink(late)
    await db
      .from('staff_invitations')
      .where('email', late)
      .update({
        expires_at: sqlTime(DateTime.now().minus({ minutes: 1 })),
      })
    const expired = await visitor.get(lateLink)
    assert.equal(expired.status, 410)
    assert.include(expired.text, 'This invitation has expired')
    const expiredPost = await visitor.post(lateLink, {
      fullName: 'Late',
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    })
    assert.include(expiredPost.text, 'This invitation has expired')
    assert.isNull(await User.findBy('email', late))
    // The admin sees it has expired and sends it again: a new link, valid for 7 more days.
    const team = await browser.get('/staff/team')
    assert.include(team.text, 'Expired')
    const lateInvitation = await StaffInvitation.findByOrFail('email', late)
    await browser.post(`/staff/team/invitations/${lateInvitation.id}/resend`)
    const renewedLink = await invitationLink(late, 1)
    assert.include((await visitor.get(renewedLink)).text, 'Join Lincolnshire Police')

    // Revoking asks first.
    const gone = uniqueEmail('gone')
    await invite(browser, gone)
    const goneLink = await invitationLink(gone)
    const invitation = await StaffInvitation.findByOrFail('email', gone)
    const confirm = await browser.get(`/staff/team/invitations/${invitation.id}/revoke`)
    assert.include(confirm.text, `Revoke the invitation to ${gone}?`)
    await invitation.refresh()
    assert.isNull(invitation.revokedAt)
    const revoked = await browser.post(`/staff/team/invitations/${invitation.id}/revoke`)
    assert.include(revoked.text, `The invitation to ${gone} has been revoked.`)
    assert.include((await visitor.get(goneLink)).text, 'This invitation has been withdrawn')
    const entry = await AuditLog.query().where('action', 'staff_invitation.revoked').firstOrFail()
    assert.equal(entry.subjectId, invitation.id)

    // Sending again makes a new link; the old one stops working.
    const again = uniqueEmail('again')
    await invite(browser, again)
    const firstLink = await invitationLink(again)
    const waiting = await StaffInvitation.findByOrFail('email', again)
    const resent = await browser.post(`/staff/team/invitations/${waiting.id}/resend`)
    assert.include(resent.text, `The invitation has been sent to ${again} again.`)
    const secondLink = await invitationLink(again, 1)
    assert.notEqual(secondLink, firstLink)
    assert.include((await visitor.get(firstLink)).text, 'This invitation link is not valid')
    assert.include((await visitor.get(secondLink)).text, 'Join Lincolnshire Police')
  })

  test('someone with an account signs in (both factors) and joins', async ({ assert }) => {
    const { organisation, browser } = await setUp()
    const fire = await createOrganisation('Fire and Rescue')
    const existing = await createStaff(fire, 'sender')
    await invite(browser, existing.email, 'analyst')
    const link = await invitationLink(existing.email)

    const invitee = new BrowserLikeSession()
    const page = await invitee.get(link)
    assert.include(page.text, 'You already have an account on Community alerts')
    const login = await invitee.post(link)
    assert.include(login.url, '/staff/login')
    assert.include(login.text, 'Sign in to join Lincolnshire Police.')
    assert.isNull(
      await Membership.query()
        .where('user_id', existing.id)
        .where('organisation_id', organisation.id)
        .first()
    )

    await invitee.post('/staff/login', { email: existing.email, password: STAFF_PASSWORD })
    const joined = await invitee.post('/staff/two-factor', { code: await nextTotpCode(existing) })
    assert.include(joined.text, 'You have joined Lincolnshire Police.')
    const membership = await Membership.query()
      .where('user_id', existing.id)
      .where('organisation_id', organisation.id)
      .firstOrFail()
    assert.equal(membership.role, 'analyst')
  })

  test('someone signed in as another person cannot accept', async ({ assert }) => {
    const { organisation, browser } = await setUp()
    const email = uniqueEmail('meant-for')
    await invite(browser, email)
    const link = await invitationLink(email)
    const other = await signInStaff(await createStaff(organisation, 'sender'))
    const page = await other.get(link)
    assert.include(page.text, `This invitation is for ${email}`)
    await other.post(link, {
      fullName: 'X',
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    })
    assert.isNull(await User.findBy('email', email))
    assert.isNull((await StaffInvitation.findByOrFail('email', email)).acceptedAt)
  })

  test('inviting a member again, or twice, is explained', async ({ assert }) => {
    const { organisation, browser } = await setUp()
    const member = await createStaff(organisation, 'sender')
    const page = await invite(browser, member.email)
    assert.include(page.text, `${member.email} is already a member of Lincolnshire Police`)

    const email = uniqueEmail('twice')
    await invite(browser, email)
    const twice = await invite(browser, email)
    assert.include(twice.text, `${email} has already been invited`)
    assert.equal(await countRows('staff_invitations'), 1)

    const bad = await invite(browser, 'not an email', 'overlord')
    assert.include(bad.text, 'Enter an email address in the correct format')
    assert.include(bad.text, 'Choose a role')
  })

  test('only admins invite, and never for another organisation', async ({ assert }) => {
    const { organisation, browser } = await setUp()
    const email = uniqueEmail('theirs')
    await invite(browser, email)
    const invitation = await StaffInvitation.findByOrFail('email', email)

    for (const role of ['approver', 'sender', 'officer', 'analyst'] as const) {
      const member = await signInStaff(await createStaff(organisation, role))
      assert.equal((await member.get('/staff/team/invitations/new')).status, 403, role)
      assert.equal(
        (await member.post('/staff/team/invitations', { email: uniqueEmail(), role: 'admin' }))
          .status,
        403,
        role
      )
      assert.equal(
        (await member.post(`/staff/team/invitations/${invitation.id}/revoke`)).status,
        403,
        role
      )
    }

    const otherAdmin = await signInStaff(
      await createStaff(await createOrganisation('Fire'), 'admin')
    )
    assert.equal(
      (await otherAdmin.get(`/staff/team/invitations/${invitation.id}/revoke`)).status,
      404
    )
    assert.equal(
      (await otherAdmin.post(`/staff/team/invitations/${invitation.id}/revoke`)).status,
      404
    )
    assert.equal(
      (await otherAdmin.post(`/staff/team/invitations/${invitation.id}/resend`)).status,
      404
    )
    await invitation.refresh()
    assert.isNull(invitation.revokedAt)
    assert.equal(await countRows('staff_invitations'), 1)
  })
})
