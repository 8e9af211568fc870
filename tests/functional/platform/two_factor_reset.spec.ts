import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import ace from '@adonisjs/core/services/ace'
import StaffResetTwoFactor from '../../../app/commands/staff_reset_two_factor.js'
import Membership from '#models/platform/membership'
import AuditLog from '#models/platform/audit_log'
import RecoveryCodes from '#services/platform/staff_accounts/recovery_codes'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createStaff, STAFF_PASSWORD } from '#tests/helpers/fixtures'
import { currentTotpStep, signInStaff, totpCodeAt } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function membershipOf(userId: number, organisationId: number) {
  return Membership.query()
    .where('user_id', userId)
    .where('organisation_id', organisationId)
    .firstOrFail()
}

function resetPath(membership: Membership) {
  return `/staff/team/members/${membership.id}/reset-two-factor`
}

async function twoFactorRow(userId: number) {
  return db
    .from('users')
    .where('id', userId)
    .select('totp_secret', 'totp_confirmed_at')
    .firstOrFail()
}

test.group('Resetting a team member’s two-factor sign-in', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an admin resets it after confirming: app and codes stop working, sessions end, the member is told', async ({
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const admin = await createStaff(organisation, 'admin')
    const sender = await createStaff(organisation, 'sender')
    const oldCodes = await RecoveryCodes.regenerate(sender)
    const senderBrowser = await signInStaff(sender)
    const browser = await signInStaff(admin)
    const membership = await membershipOf(sender.id, organisation.id)
    const ownMembership = await membershipOf(admin.id, organisation.id)

    const team = await browser.get('/staff/team')
    assert.include(team.text, `href="${resetPath(membership)}"`)
    assert.include(
      team.text,
      `Reset two-factor<span class="govuk-visually-hidden"> sign-in for ${sender.fullName}</span>`
    )
    assert.notInclude(team.text, `href="${resetPath(ownMembership)}"`)

    const confirm = await browser.get(resetPath(membership))
    assert.include(confirm.text, `Reset two-factor sign-in for ${sender.fullName}?`)
    assert.include(confirm.text, 'has lost their phone and their recovery codes')
    assert.include(confirm.text, 'will stop working and they will be signed out everywhere')
    // Asking changes nothing.
    assert.isNotNull((await twoFactorRow(sender.id)).totp_secret)
    assert.equal(await RecoveryCodes.remaining(sender), 10)

    const done = await browser.post(resetPath(membership))
    assert.equal(new URL(done.url).pathname, '/staff/team')
    assert.include(
      done.text,
      `Two-factor sign-in for ${sender.fullName} has been reset. They will set up an authenticator app the next time they sign in. We have emailed ${sender.email} to tell them.`
    )
    const row = await twoFactorRow(sender.id)
    assert.isNull(row.totp_secret)
    assert.isNull(row.totp_confirmed_at)
    assert.equal(await RecoveryCodes.remaining(sender), 0)
    assert.lengthOf(await db.from('staff_recovery_codes').where('user_id', sender.id), 0)

    // The member's browser is signed out; the admin's is not.
    assert.include((await senderBrowser.get('/staff')).url, '/staff/login')
    assert.include((await browser.get('/staff/team')).text, `Sign out ${admin.fullName}`)

    const entry = await AuditLog.query().where('action', 'staff.two_factor_reset').firstOrFail()
    assert.equal(entry.userId, admin.id)
    assert.equal(entry.organisationId, organisation.id)
    assert.equal(entry.subjectType, 'user')
    assert.equal(entry.subjectId, sender.id)
    assert.deepEqual(entry.details, { email: sender.email, hadTwoFactor: true, sessionsEnded: 1 })

    const mail = await smtpSink.waitForMail(sender.email, (m) =>
      m.subject.startsWith('Two-factor sign-in for your staff account was reset')
    )
    assert.include(mail.text, `${admin.fullName}, an admin of Lincolnshire Police, has reset`)
    assert.include(mail.text, 'If you did not ask for this, contact')
    assert.include(mail.text, admin.email)

    // The old recovery codes are not asked for: the next sign-in sets up a new app.
    const again = new BrowserLikeSession()
    const next = await again.submit('/staff/login', {
      email: sender.email,
      password: STAFF_PASSWORD,
    })
    assert.include(next.url, '/staff/two-factor/setup')
    assert.include(next.text, 'Set up two-factor sign-in')
    const recovery = await again.post('/staff/two-factor', { code: oldCodes[0] })
    assert.notInclude(recovery.text, 'Sign out')
    const secret = next.text.match(
      /<code class="beacon-break-words" id="secret">([A-Z2-7 ]+)<\/code>/
    )![1]
    const enrolled = await again.post('/staff/two-factor/setup', {
      code: totpCodeAt(secret.replace(/ /g, ''), currentTotpStep()),
    })
    assert.include(enrolled.text, 'Save your recovery codes')
    assert.include((await again.get('/staff')).text, `Sign out ${sender.fullName}`)
  })

  test('the code page tells someone who lost their phone that an admin can reset it', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const browser = new BrowserLikeSession()
    const page = await browser.submit('/staff/login', {
      email: sender.email,
      password: STAFF_PASSWORD,
    })
    assert.include(page.text, 'ask an admin of your organisation to reset your two-factor sign-in')
  })

  test('nobody resets their own, and only admins of the member’s organisation reset anyone’s', async ({
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const admin = await createStaff(organisation, 'admin')
    const target = await createStaff(organisation, 'analyst')
    const membership = await membershipOf(target.id, organisation.id)

    const adminBrowser = await signInStaff(admin)
    const own = resetPath(await membershipOf(admin.id, organisation.id))
    assert.equal((await adminBrowser.get(own)).status, 403)
    assert.equal((await adminBrowser.post(own)).status, 403)
    assert.isNotNull((await twoFactorRow(admin.id)).totp_secret)

    for (const role of ['approver', 'sender', 'officer', 'analyst'] as const) {
      const browser = await signInStaff(await createStaff(organisation, role))
      assert.equal((await browser.get(resetPath(membership))).status, 403, role)
      await browser.get('/staff/account')
      assert.equal((await browser.post(resetPath(membership))).status, 403, role)
    }

    // Another organisation's admin is told it does not exist, even an install admin.
    const fire = await createOrganisation('Fire')
    for (const outsider of [
      await createStaff(fire, 'admin'),
      await createStaff(fire, 'admin', { installAdmin: true }),
    ]) {
      const browser = await signInStaff(outsider)
      assert.equal((await browser.get(resetPath(membership))).status, 404)
      await browser.get('/staff/account')
      assert.equal((await browser.post(resetPath(membership))).status, 404)
    }
    assert.isNotNull((await twoFactorRow(target.id)).totp_secret)
    assert.isNull(await AuditLog.findBy('action', 'staff.two_factor_reset'))
  })

  // Before: any organisation's admin could reset a shared member, and the reset applied install-wide.
  test('a member of another organisation too, or an install admin, is reset only by an install admin', async ({
    assert,
  }) => {
    const police = await createOrganisation('Lincolnshire Police')
    const fire = await createOrganisation('Fire')
    const shared = await createStaff(police, 'sender')
    await Membership.create({ userId: shared.id, organisationId: fire.id, role: 'analyst' })
    const installAdmin = await createStaff(fire, 'sender', { installAdmin: true })
    const fireAdmin = await signInStaff(await createStaff(fire, 'admin'))

    const team = await fireAdmin.get('/staff/team')
    for (const [member, why] of [
      [shared, 'They also belong to another organisation'],
      [installAdmin, 'They are an install admin'],
    ] as const) {
      const membership = await membershipOf(member.id, fire.id)
      assert.notInclude(team.text, `href="${resetPath(membership)}"`)
      assert.match(
        team.text,
        new RegExp(
          `id="member-${membership.id}"(?:(?!</tr>)[\\s\\S])*${why}: ask an install admin to reset their two-factor sign-in or password`
        )
      )
      assert.equal((await fireAdmin.get(resetPath(membership))).status, 403)
      await fireAdmin.get('/staff/account')
      assert.equal((await fireAdmin.post(resetPath(membership))).status, 403)
      assert.isNotNull((await twoFactorRow(member.id)).totp_secret)
    }
    assert.isNull(await AuditLog.findBy('action', 'staff.two_factor_reset'))

    // An install admin who is an admin here may.
    const operator = await signInStaff(await createStaff(fire, 'admin', { installAdmin: true }))
    const done = await operator.submit(resetPath(await membershipOf(shared.id, fire.id)), {})
    assert.include(done.text, `Two-factor sign-in for ${shared.fullName} has been reset.`)
    assert.isNull((await twoFactorRow(shared.id)).totp_secret)
  })

  test('an organisation admin may remove a shared member, which leaves their other organisation alone', async ({
    assert,
  }) => {
    const police = await createOrganisation('Lincolnshire Police')
    const fire = await createOrganisation('Fire')
    const shared = await createStaff(police, 'admin', { installAdmin: true })
    await Membership.create({ userId: shared.id, organisationId: fire.id, role: 'sender' })
    const sharedBrowser = await signInStaff(shared)
    const fireAdmin = await signInStaff(await createStaff(fire, 'admin'))
    const membership = await membershipOf(shared.id, fire.id)

    const done = await fireAdmin.submit(`/staff/team/members/${membership.id}/remove`, {})
    assert.include(done.text, `${shared.fullName} has been removed from Fire.`)
    assert.equal((await membershipOf(shared.id, police.id)).role, 'admin')
    const row = await db.from('users').where('id', shared.id).firstOrFail()
    assert.isTrue(Boolean(row.is_install_admin))
    assert.isNotNull(row.totp_secret)
    assert.include((await sharedBrowser.get('/staff/team')).text, `Sign out ${shared.fullName}`)
  })
})

test.group('Resetting two-factor sign-in from the command line', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => ace.ui.switchMode('raw'))
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('the only admin, locked out, is reset by the operator and told by email', async ({
    assert,
  }) => {
    const organisation = await createOrganisation('Abbey Neighbourhood Watch')
    const admin = await createStaff(organisation, 'admin')
    await RecoveryCodes.regenerate(admin)

    const command = await ace.create(StaffResetTwoFactor, [admin.email.toUpperCase()])
    await command.exec()
    command.assertSucceeded()
    command.assertLog(
      `[ green(success) ] Two-factor sign-in for ${admin.email} was reset: they set up an authenticator app at their next sign-in, and we emailed them`
    )
    const row = await twoFactorRow(admin.id)
    assert.isNull(row.totp_secret)
    assert.equal(await RecoveryCodes.remaining(admin), 0)
    const entry = await AuditLog.query().where('action', 'staff.two_factor_reset').firstOrFail()
    assert.isNull(entry.userId)
    assert.equal(entry.subjectId, admin.id)
    const mail = await smtpSink.waitForMail(admin.email, (m) =>
      m.subject.startsWith('Two-factor sign-in for your staff account was reset')
    )
    assert.include(mail.text, 'The operator of this install, from the command line, has reset')
  })

  test('an address nobody signs in with is refused', async ({ assert }) => {
    const command = await ace.create(StaffResetTwoFactor, ['nobody@police.test'])
    await command.exec()
    command.assertFailed()
    command.assertLog(
      '[ red(error) ] Nobody signs in as nobody@police.test. Check the address and run this again.'
    )
    assert.lengthOf(await AuditLog.all(), 0)
  })
})
