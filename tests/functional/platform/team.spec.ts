import { test } from '@japa/runner'
import Membership from '#models/platform/membership'
import AuditLog from '#models/platform/audit_log'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function membershipOf(userId: number, organisationId: number) {
  return Membership.query()
    .where('user_id', userId)
    .where('organisation_id', organisationId)
    .first()
}

test.group('Team', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an admin sees the members and their roles, and changes a role (audited)', async ({
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const admin = await createStaff(organisation, 'admin')
    const sender = await createStaff(organisation, 'sender')
    const outsider = await createStaff(await createOrganisation('Fire'), 'sender')
    const browser = await signInStaff(admin)

    const page = await browser.get('/staff/team')
    assert.include(page.text, 'Team')
    assert.include(page.text, sender.email)
    assert.include(page.text, `${admin.fullName} (you)`)
    assert.notInclude(page.text, outsider.email)
    assert.include(page.text, 'No invitations are waiting')

    const membership = (await membershipOf(sender.id, organisation.id))!
    const form = await browser.get(`/staff/team/members/${membership.id}/role`)
    assert.include(form.text, `What should ${sender.fullName} be able to do?`)
    const empty = await browser.post(`/staff/team/members/${membership.id}/role`, {})
    assert.include(empty.text, 'Choose a role')
    const done = await browser.post(`/staff/team/members/${membership.id}/role`, {
      role: 'approver',
    })
    assert.include(done.text, `${sender.fullName}’s role is now approver.`)
    assert.equal((await membershipOf(sender.id, organisation.id))!.role, 'approver')
    const entry = await AuditLog.query().where('action', 'membership.role_changed').firstOrFail()
    assert.equal(entry.userId, admin.id)
    assert.equal(entry.subjectId, sender.id)
    assert.deepEqual(entry.details, { from: 'sender', to: 'approver' })
  })

  test('removing a member asks first; they then see nothing of the organisation', async ({
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const admin = await createStaff(organisation, 'admin')
    const sender = await createStaff(organisation, 'sender')
    const senderBrowser = await signInStaff(sender)
    const browser = await signInStaff(admin)
    const membership = (await membershipOf(sender.id, organisation.id))!

    const confirm = await browser.get(`/staff/team/members/${membership.id}/remove`)
    assert.include(confirm.text, `Remove ${sender.fullName} from Lincolnshire Police?`)
    assert.isNotNull(await membershipOf(sender.id, organisation.id))

    const done = await browser.post(`/staff/team/members/${membership.id}/remove`)
    assert.include(done.text, `${sender.fullName} has been removed from Lincolnshire Police.`)
    assert.isNull(await membershipOf(sender.id, organisation.id))
    const entry = await AuditLog.query().where('action', 'membership.removed').firstOrFail()
    assert.equal(entry.subjectId, sender.id)

    const after = await senderBrowser.get('/staff/alerts/new')
    assert.equal(after.status, 403)
    assert.include(after.text, 'You are not in an organisation yet')
  })

  test('the last admin cannot demote or remove themselves', async ({ assert }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const admin = await createStaff(organisation, 'admin')
    const browser = await signInStaff(admin)
    const own = (await membershipOf(admin.id, organisation.id))!

    const demote = await browser.post(`/staff/team/members/${own.id}/role`, { role: 'sender' })
    assert.include(
      demote.text,
      'You are the only admin of Lincolnshire Police. Make someone else an admin first'
    )
    await browser.get(`/staff/team/members/${own.id}/remove`)
    const remove = await browser.post(`/staff/team/members/${own.id}/remove`)
    assert.include(remove.text, 'You are the only admin of Lincolnshire Police.')
    assert.equal((await membershipOf(admin.id, organisation.id))!.role, 'admin')

    // With a second admin, stepping down works.
    await createStaff(organisation, 'admin')
    await browser.get(`/staff/team/members/${own.id}/role`)
    const stepDown = await browser.post(`/staff/team/members/${own.id}/role`, { role: 'sender' })
    assert.include(stepDown.text, 'role is now sender')
    assert.equal((await membershipOf(admin.id, organisation.id))!.role, 'sender')
    assert.equal((await browser.get('/staff/team')).status, 403)
  })

  test('only admins manage the team, and never another organisation’s', async ({ assert }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    await createStaff(organisation, 'admin')
    const target = await createStaff(organisation, 'sender')
    const membership = (await membershipOf(target.id, organisation.id))!

    for (const role of ['approver', 'sender', 'officer', 'analyst'] as const) {
      const browser = await signInStaff(await createStaff(organisation, role))
      assert.equal((await browser.get('/staff/team')).status, 403, role)
      assert.equal((await browser.get(`/staff/team/members/${membership.id}/role`)).status, 403)
      const post = await browser.post(`/staff/team/members/${membership.id}/role`, {
        role: 'admin',
      })
      assert.equal(post.status, 403, role)
      assert.equal(
        (await browser.post(`/staff/team/members/${membership.id}/remove`)).status,
        403,
        role
      )
    }

    const otherAdmin = await signInStaff(
      await createStaff(await createOrganisation('Fire'), 'admin')
    )
    assert.notInclude((await otherAdmin.get('/staff/team')).text, target.email)
    for (const path of [
      `/staff/team/members/${membership.id}/role`,
      `/staff/team/members/${membership.id}/remove`,
    ]) {
      assert.equal((await otherAdmin.get(path)).status, 404, path)
      assert.equal((await otherAdmin.post(path, { role: 'admin' })).status, 404, path)
    }
    const unchanged = (await membershipOf(target.id, organisation.id))!
    assert.equal(unchanged.role, 'sender')
  })
})
