import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import AuditLog from '#models/platform/audit_log'
import Membership from '#models/platform/membership'
import StaffInvitation from '#models/platform/staff_invitation'
import StaffInvitations from '#services/platform/staff_accounts/staff_invitations'
import CoordinatorSchemes from '#services/residents/coordinators/coordinator_schemes'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { createScheme, joinSchemes } from '#tests/helpers/resident_fixtures'
import { coordinate } from '#tests/helpers/coordination_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** Two organisations sharing the install's schemes; a coordinator of Home Police for Elm Road Watch. */
async function world() {
  const { central, skirbeck, abbey } = await seedAreas()
  const home = await createOrganisation('Home Police')
  const other = await createOrganisation('Other Fire')
  const elm = await createScheme('Elm Road Watch', 'neighbourhood_watch', central)
  const oak = await createScheme('Oak Lane Watch', 'neighbourhood_watch', skirbeck)
  const coordinator = await createStaff(home, 'coordinator', 'coordinator@home.test')
  await coordinate(coordinator, home, [elm])
  // Elm Road's members: two of Home Police's residents, one of Other Fire's only, one who withdrew.
  const ann = await createResident(central, [home], { name: 'Ann Elm', email: 'ann@elm.test' })
  const bob = await createResident(central, [home, other], {
    name: 'Bob Elm',
    email: 'bob@elm.test',
  })
  const otherOnly = await createResident(central, [other], { name: 'Olive Otherorg' })
  await joinSchemes(ann, [elm])
  await joinSchemes(bob, [elm])
  await joinSchemes(otherOnly, [elm])
  const oakMember = await createResident(skirbeck, [home], { name: 'Oscar Oak' })
  await joinSchemes(oakMember, [oak])
  return { central, skirbeck, abbey, home, other, elm, oak, coordinator, ann, bob, otherOnly }
}

test.group('Scheme coordinators', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a coordinator sees their scheme’s members of their own organisation only, searched, sorted and paged', async ({
    assert,
  }) => {
    const { elm, coordinator, central, home } = await world()
    const browser = await signInStaff(coordinator)

    // Their home page is their schemes.
    const landing = await browser.get('/staff')
    assert.equal(new URL(landing.url).pathname, '/staff/my-schemes')
    assert.include(landing.text, 'Elm Road Watch')
    assert.notInclude(landing.text, 'Oak Lane Watch')
    // Two of Elm Road's three members get Home Police's alerts.
    assert.match(landing.text, /<td class="govuk-table__cell govuk-table__cell--numeric">2<\/td>/)

    const list = await browser.get(`/staff/my-schemes/${elm.id}`)
    assert.include(list.text, '2 members')
    assert.include(list.text, 'Ann Elm')
    assert.include(list.text, 'Bob Elm')
    assert.notInclude(list.text, 'Olive Otherorg')
    assert.notInclude(list.text, 'Oscar Oak')
    assert.isBelow(list.text.indexOf('Ann Elm'), list.text.indexOf('Bob Elm'))

    const found = await browser.get(`/staff/my-schemes/${elm.id}?q=BOB`)
    assert.include(found.text, '1 member found')
    assert.notInclude(found.text, 'Ann Elm')
    const none = await browser.get(`/staff/my-schemes/${elm.id}?q=olive`)
    assert.include(none.text, 'No member matches your search')

    // 25 a page: 28 members make two pages, the newest first when asked.
    for (let index = 1; index <= 26; index++) {
      const resident = await createResident(central, [home], {
        name: `Member ${String(index).padStart(2, '0')}`,
      })
      await joinSchemes(resident, [elm])
      await db
        .from('scheme_members')
        .where({ scheme_id: elm.id, resident_id: resident.id })
        .update({ joined_at: `2030-01-${String(index).padStart(2, '0')} 10:00:00` })
    }
    const first = await browser.get(`/staff/my-schemes/${elm.id}?sort=newest`)
    assert.include(first.text, '28 members')
    assert.isBelow(first.text.indexOf('Member 26'), first.text.indexOf('Member 25'))
    assert.include(first.text, `/staff/my-schemes/${elm.id}?sort=newest&amp;page=2`)
    const second = await browser.get(`/staff/my-schemes/${elm.id}?sort=newest&page=2`)
    assert.notInclude(second.text, 'Member 26')
    assert.include(second.text, 'Member 01')
    // A wrong order in an edited address lists everyone, and says so.
    const odd = await browser.get(`/staff/my-schemes/${elm.id}?sort=sideways`)
    assert.include(odd.text, 'every member is listed')

    const audit = await AuditLog.query().where('action', 'scheme_members.searched').first()
    assert.equal(audit?.subjectId, elm.id)
  })

  test('a coordinator cannot see or message another scheme, nor use any other staff page', async ({
    assert,
  }) => {
    const { oak, coordinator } = await world()
    const browser = await signInStaff(coordinator)
    assert.equal((await browser.get(`/staff/my-schemes/${oak.id}`)).status, 404)
    assert.equal((await browser.get(`/staff/my-schemes/${oak.id}/alerts/new`)).status, 404)
    await browser.get('/staff/account')
    const message = await browser.post(`/staff/my-schemes/${oak.id}/alerts`, {
      title: 'Not yours',
      body: 'Not yours',
      priority: '1',
    })
    assert.equal(message.status, 404)
    assert.equal(
      await Alert.query()
        .count('* as total')
        .first()
        .then((row) => Number(row!.$extras.total)),
      0
    )
    for (const path of [
      '/staff/residents',
      '/staff/alerts/new',
      '/staff/segments',
      '/staff/inbox',
    ]) {
      assert.equal((await browser.get(path)).status, 403, path)
    }
  })

  test('a coordinator’s alert goes only to their scheme’s members of their organisation, through its approval rule', async ({
    assert,
  }) => {
    const { elm, home, coordinator } = await world()
    const browser = await signInStaff(coordinator)
    const form = await browser.get(`/staff/my-schemes/${elm.id}/alerts/new`)
    assert.include(form.text, 'It goes to the 2 members of Elm Road Watch')
    assert.include(form.text, 'Send alert')

    const empty = await browser.submit(
      `/staff/my-schemes/${elm.id}/alerts/new`,
      {
        title: '',
        body: '',
        priority: '1',
      },
      { action: `/staff/my-schemes/${elm.id}/alerts` }
    )
    assert.include(empty.text, 'Enter a title')
    assert.include(empty.text, 'Enter the alert text')

    // Approval required: submitted, then approved by an approver, then sent by the coordinator.
    home.requiresApproval = true
    await home.save()
    const submitted = await browser.submit(
      `/staff/my-schemes/${elm.id}/alerts/new`,
      { title: 'Bikes stolen from sheds', body: 'Lock your shed.', priority: '2' },
      { action: `/staff/my-schemes/${elm.id}/alerts` }
    )
    assert.include(submitted.text, '“Bikes stolen from sheds” is waiting for approval')
    const alert = await Alert.findByOrFail('title', 'Bikes stolen from sheds')
    assert.equal(alert.status, 'submitted')
    assert.deepEqual(alert.criteria.schemeIds, [elm.id])

    const approver = await signInStaff(await createStaff(home, 'approver'))
    await approver.submit(
      `/staff/alerts/${alert.id}`,
      {},
      { action: `/staff/alerts/${alert.id}/approve` }
    )
    await alert.refresh()
    assert.equal(alert.status, 'approved')

    const sent = await browser.submit(
      `/staff/my-schemes/${elm.id}/alerts/new`,
      {},
      { action: `/staff/my-schemes/${elm.id}/alerts/${alert.id}/send` }
    )
    assert.include(sent.text, 'Sending “Bikes stolen from sheds” has started.')
    await alert.refresh()
    // Ann and Bob: not Olive (Other Fire's only), not Oscar (Oak Lane).
    assert.equal(alert.audienceCount, 2)
  })

  test('a member of two organisations is a coordinator in one and an admin in the other, each in its place', async ({
    assert,
  }) => {
    const { elm, home, other } = await world()
    const both = await createStaff(home, 'coordinator', 'both@home.test')
    await Membership.create({ userId: both.id, organisationId: other.id, role: 'admin' })
    await coordinate(both, home, [elm])
    const browser = await signInStaff(both)
    await browser.get('/staff/account')
    await browser.post('/staff/organisation', { organisationId: String(home.id) })
    assert.equal((await browser.get(`/staff/my-schemes/${elm.id}`)).status, 200)
    assert.equal((await browser.get('/staff/team')).status, 403)

    await browser.post('/staff/organisation', { organisationId: String(other.id) })
    // As Other Fire's admin: its team, but Home Police's scheme pages are not theirs there.
    assert.equal((await browser.get('/staff/team')).status, 200)
    assert.equal((await browser.get(`/staff/my-schemes/${elm.id}`)).status, 403)
    assert.equal((await browser.get('/staff/my-schemes')).status, 403)
  })

  test('admins give a coordinator their schemes; a change of role takes them away', async ({
    assert,
  }) => {
    const { elm, oak, home, coordinator } = await world()
    const admin = await signInStaff(await createStaff(home, 'admin'))
    const membership = await db
      .from('memberships')
      .where({ user_id: coordinator.id, organisation_id: home.id })
      .firstOrFail()
    const form = await admin.get(`/staff/team/members/${membership.id}/schemes`)
    assert.include(form.text, 'Which schemes does')
    const saved = await admin.submit(`/staff/team/members/${membership.id}/schemes`, {
      'schemeIds[]': [String(elm.id), String(oak.id)],
    })
    assert.include(saved.text, 'schemes have been saved')
    const links = await db.from('coordinator_schemes').where('membership_id', membership.id)
    assert.sameMembers(
      links.map((row) => Number(row.scheme_id)),
      [elm.id, oak.id]
    )
    const unknown = await admin.submit(`/staff/team/members/${membership.id}/schemes`, {
      'schemeIds[]': ['999999'],
    })
    assert.include(unknown.text, 'Choose schemes from the list')

    await admin.submit(`/staff/team/members/${membership.id}/role`, { role: 'analyst' })
    assert.lengthOf(await db.from('coordinator_schemes').where('membership_id', membership.id), 0)
    const changed = await AuditLog.query().where('action', 'membership.schemes_changed').first()
    // Elm Road was theirs already.
    assert.deepEqual(changed?.details, { added: [oak.id], removed: [] })
  })

  test('admins choose a coordinator’s schemes when inviting them; accepting gives them those schemes', async ({
    assert,
  }) => {
    const { elm, oak, home } = await world()
    const admin = await signInStaff(await createStaff(home, 'admin'))
    const sent = await admin.submit(
      '/staff/team/invitations/new',
      {
        email: 'newcoordinator@home.test',
        role: 'coordinator',
      },
      { action: '/staff/team/invitations' }
    )
    assert.include(sent.text, 'Which schemes does newcoordinator@home.test coordinate?')
    const invitation = await StaffInvitation.findByOrFail('email', 'newcoordinator@home.test')
    const chosen = await admin.submit(`/staff/team/invitations/${invitation.id}/schemes`, {
      'schemeIds[]': [String(oak.id)],
    })
    assert.include(chosen.text, 'will coordinate the schemes you chose once they accept')
    await invitation.refresh()
    assert.deepEqual(invitation.coordinatorSchemeIds, [oak.id])

    const user = await StaffInvitations.acceptAsNewUser(invitation, {
      fullName: 'Nadia Newcoordinator',
      password: 'correct horse battery staple',
    })
    const membership = await Membership.query().where('user_id', user!.id).firstOrFail()
    assert.equal(membership.role, 'coordinator')
    assert.deepEqual(await CoordinatorSchemes.schemeIdsOf(membership.id), [oak.id])
    assert.notInclude(await CoordinatorSchemes.schemeIdsOf(membership.id), elm.id)
  })
})
