import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/platform/audit_log'
import SchemeJoinRequest from '#models/residents/scheme_join_request'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { createScheme } from '#tests/helpers/resident_fixtures'
import { coordinate, isMember } from '#tests/helpers/coordination_fixtures'
import { signedInAs } from '#tests/helpers/self_service_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function world() {
  const { central, skirbeck, abbey } = await seedAreas()
  const home = await createOrganisation('Home Police')
  const other = await createOrganisation('Other Fire')
  // Central and Skirbeck are wards of Boston; Abbey is in Lincoln.
  const elm = await createScheme('Elm Road Watch', 'neighbourhood_watch', central)
  const oak = await createScheme('Oak Lane Farm Watch', 'farm_watch', skirbeck)
  const far = await createScheme('Abbey Watch', 'neighbourhood_watch', abbey)
  const group = await createScheme('Street group', 'virtual_watch', null)
  const coordinator = await createStaff(home, 'coordinator', 'coordinator@home.test')
  await coordinate(coordinator, home, [elm])
  const resident = await createResident(central, [home], {
    name: 'Rita Resident',
    email: 'rita@resident.test',
  })
  return { central, home, other, elm, oak, far, group, coordinator, resident }
}

test.group('Asking to join a scheme', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident asks to join a scheme near them, withdraws, asks again, and the coordinator approves', async ({
    assert,
  }) => {
    const { elm, oak, far, coordinator, resident } = await world()
    const pages = await signedInAs(resident)
    const near = await pages.get('/my-alerts/schemes/near')
    // Their ward's scheme and their district's other ward's; not Lincoln's, not a virtual group.
    assert.include(near.text, 'Elm Road Watch')
    assert.include(near.text, 'Oak Lane Farm Watch')
    assert.notInclude(near.text, 'Abbey Watch')
    assert.notInclude(near.text, 'Street group')

    const asked = await pages.submit(
      '/my-alerts/schemes/near',
      {},
      {
        action: `/my-alerts/schemes/${elm.id}/ask`,
      }
    )
    assert.include(asked.text, 'You have asked to join Elm Road Watch.')
    assert.include(asked.text, 'Request pending')
    const again = await pages.submit(
      '/my-alerts/schemes/near',
      {},
      {
        action: `/my-alerts/schemes/${elm.id}/ask`,
      }
    )
    assert.include(again.text, 'You have already asked to join Elm Road Watch')
    assert.lengthOf(await SchemeJoinRequest.all(), 1)
    const farAway = await pages.submit(
      '/my-alerts/schemes/near',
      {},
      {
        action: `/my-alerts/schemes/${far.id}/ask`,
      }
    )
    assert.include(farAway.text, 'You can ask to join only a scheme near you')

    const withdrawn = await pages.submit(
      '/my-alerts/schemes/near',
      {},
      {
        action: `/my-alerts/schemes/${elm.id}/withdraw`,
      }
    )
    assert.include(withdrawn.text, 'You have withdrawn your request.')
    const staff = await signInStaff(coordinator)
    assert.include((await staff.get('/staff/scheme-requests')).text, 'No requests are waiting')

    await pages.submit(
      '/my-alerts/schemes/near',
      {},
      { action: `/my-alerts/schemes/${elm.id}/ask` }
    )
    assert.lengthOf(await SchemeJoinRequest.all(), 1)
    const list = await staff.get('/staff/scheme-requests')
    assert.include(list.text, 'Rita Resident')
    const request = await SchemeJoinRequest.firstOrFail()
    const decision = await staff.get(`/staff/scheme-requests/${request.id}`)
    assert.include(decision.text, 'rita@resident.test')
    const approved = await staff.submit(
      `/staff/scheme-requests/${request.id}`,
      {},
      {
        action: `/staff/scheme-requests/${request.id}/approve`,
      }
    )
    assert.include(approved.text, 'Rita Resident is now a member of Elm Road Watch.')
    assert.equal(await isMember(elm.id, resident.id), 'join_request')
    assert.equal(await isMember(oak.id, resident.id), false)
    // Decided once: a second click is told so.
    const twice = await staff.submit(
      `/staff/scheme-requests/${request.id}`,
      {},
      {
        action: `/staff/scheme-requests/${request.id}/approve`,
      }
    )
    assert.equal(twice.status, 404)

    const mail = await smtpSink.waitForMail('rita@resident.test', (received) =>
      received.subject.includes('You have joined Elm Road Watch')
    )
    assert.include(mail.text, 'You are now a member of Elm Road Watch.')
    assert.include((await pages.get('/my-alerts/schemes/near')).text, 'You are a member')
    // On the schemes page they may leave it, as any scheme they are in.
    assert.include((await pages.get('/my-alerts/schemes')).text, `value="${elm.id}"`)
    const audit = await AuditLog.query()
      .where('action', 'scheme_join_request.approved')
      .firstOrFail()
    assert.equal(audit.subjectId, resident.id)
    assert.equal(audit.userId, coordinator.id)
  })

  test('a scheme without a coordinator goes to the admins, who decline with a reason the resident reads', async ({
    assert,
  }) => {
    const { oak, home, coordinator, resident } = await world()
    const pages = await signedInAs(resident)
    await pages.submit(
      '/my-alerts/schemes/near',
      {},
      { action: `/my-alerts/schemes/${oak.id}/ask` }
    )
    const request = await SchemeJoinRequest.firstOrFail()

    // Not the coordinator's scheme: they neither see nor decide it.
    const staff = await signInStaff(coordinator)
    assert.notInclude((await staff.get('/staff/scheme-requests')).text, 'Rita Resident')
    assert.equal((await staff.get(`/staff/scheme-requests/${request.id}`)).status, 404)

    const admin = await signInStaff(await createStaff(home, 'admin'))
    assert.include((await admin.get('/staff/scheme-requests')).text, 'Rita Resident')
    const long = await admin.submit(
      `/staff/scheme-requests/${request.id}`,
      { reason: 'x'.repeat(501) },
      {
        action: `/staff/scheme-requests/${request.id}/decline`,
      }
    )
    assert.include(long.text, 'The reason must be 500 characters or fewer')
    const declined = await admin.submit(
      `/staff/scheme-requests/${request.id}`,
      { reason: 'The scheme covers Oak Lane farms only.' },
      { action: `/staff/scheme-requests/${request.id}/decline` }
    )
    assert.include(
      declined.text,
      'You declined Rita Resident’s request to join Oak Lane Farm Watch.'
    )
    assert.equal(await isMember(oak.id, resident.id), false)
    const mail = await smtpSink.waitForMail('rita@resident.test', (received) =>
      received.subject.includes('Your request to join Oak Lane Farm Watch')
    )
    assert.include(mail.text, 'The coordinator said: The scheme covers Oak Lane farms only.')
    const near = await pages.get('/my-alerts/schemes/near')
    assert.include(near.text, 'Request declined')
    assert.include(near.text, 'The scheme covers Oak Lane farms only.')
    assert.include(near.text, 'Ask again')
  })

  test('another organisation’s staff never see the request', async ({ assert }) => {
    const { elm, other, resident } = await world()
    const pages = await signedInAs(resident)
    await pages.submit(
      '/my-alerts/schemes/near',
      {},
      { action: `/my-alerts/schemes/${elm.id}/ask` }
    )
    const request = await SchemeJoinRequest.firstOrFail()
    // Other Fire has no coordinator for Elm Road, but Rita does not get Other Fire's alerts.
    const otherCoordinator = await createStaff(other, 'coordinator', 'c@other.test')
    await coordinate(otherCoordinator, other, [elm])
    for (const user of [otherCoordinator, await createStaff(other, 'admin')]) {
      const browser = await signInStaff(user)
      assert.notInclude((await browser.get('/staff/scheme-requests')).text, 'Rita Resident')
      assert.equal((await browser.get(`/staff/scheme-requests/${request.id}`)).status, 404)
    }
  })

  test('only virtual groups are joined by ticking; a forged tick of another scheme is refused', async ({
    assert,
  }) => {
    const { elm, resident } = await world()
    const pages = await signedInAs(resident)
    const schemes = await pages.get('/my-alerts/schemes')
    assert.notInclude(schemes.text, `value="${elm.id}"`)
    assert.include(schemes.text, 'Find a watch scheme near you and ask to join it')
    const forged = await pages.submit('/my-alerts/schemes', { 'schemeIds[]': [String(elm.id)] })
    assert.include(forged.text, 'Choose schemes from the list')
    assert.equal(await isMember(elm.id, resident.id), false)
  })

  test('requests are in the resident’s data download and gone on erasure', async ({ assert }) => {
    const { elm, resident } = await world()
    const pages = await signedInAs(resident)
    await pages.submit(
      '/my-alerts/schemes/near',
      {},
      { action: `/my-alerts/schemes/${elm.id}/ask` }
    )
    const download = JSON.parse((await pages.get('/my-alerts/your-data/download.json')).text)
    assert.equal(download.schemeJoinRequests[0].scheme, 'Elm Road Watch')
    assert.equal(download.schemeJoinRequests[0].outcome, 'Waiting for a decision')
    await ResidentErasure.erase(resident.id)
    assert.lengthOf(await db.from('scheme_join_requests'), 0)
  })
})
