import { test } from '@japa/runner'
import AuditLog from '#models/platform/audit_log'
import Membership from '#models/platform/membership'
import Alert from '#models/messaging/alert'
import AlertTemplate from '#models/messaging/alert_template'
import type Organisation from '#models/platform/organisation'
import type User from '#models/platform/user'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { visibleText } from '#tests/helpers/resident_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

function draft(organisation: Organisation, author: User, title: string) {
  return Alert.create({
    organisationId: organisation.id,
    authorId: author.id,
    title,
    body: 'Words',
    priority: 2,
    status: 'draft',
    criteria: { areaIds: [] },
  })
}

/** A sender for the police (their first organisation) and an admin of the Neighbourhood Watch. */
async function twoOrganisations() {
  const police = await createOrganisation('Lincoln Police')
  const watch = await createOrganisation('Abbey Neighbourhood Watch')
  const person = await createStaff(police, 'sender')
  await Membership.create({ userId: person.id, organisationId: watch.id, role: 'admin' })
  await draft(police, person, 'Police burglary appeal')
  await draft(watch, await createStaff(watch, 'sender'), 'Watch meeting on Tuesday')
  return { police, watch, person }
}

test.group('Switching organisation', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a member of two organisations switches and sees the other one’s alerts, not the first one’s', async ({
    assert,
  }) => {
    const { police, watch, person } = await twoOrganisations()
    const browser = await signInStaff(person)

    const before = visibleText((await browser.get('/staff')).text)
    assert.include(before, 'You are working as sender for Lincoln Police.')
    assert.include(before, 'Police burglary appeal')
    assert.notInclude(before, 'Watch meeting on Tuesday')
    // A sender of the police is not an admin there.
    assert.equal((await browser.get('/staff/team')).status, 403)

    const switched = await browser.post('/staff/organisation', { organisationId: watch.id })
    assert.equal(new URL(switched.url).pathname, '/staff')
    const after = visibleText(switched.text)
    assert.include(after, 'You are now working as admin for Abbey Neighbourhood Watch.')
    assert.include(after, 'Watch meeting on Tuesday')
    assert.notInclude(after, 'Police burglary appeal')

    // The choice is kept for the pages after, with the role they have there.
    const next = visibleText((await browser.get('/staff')).text)
    assert.include(next, 'You are working as admin for Abbey Neighbourhood Watch.')
    assert.notInclude(next, 'Police burglary appeal')
    const team = await browser.get('/staff/team')
    assert.equal(team.status, 200)
    assert.include(visibleText(team.text), 'The staff of Abbey Neighbourhood Watch')

    const entry = await AuditLog.query()
      .where('action', 'staff.organisation_switched')
      .firstOrFail()
    assert.equal(entry.userId, person.id)
    assert.equal(entry.organisationId, watch.id)
    assert.deepEqual(entry.details, { from: police.id, to: watch.id, role: 'admin' })

    // And back again.
    const back = visibleText(
      (await browser.post('/staff/organisation', { organisationId: police.id })).text
    )
    assert.include(back, 'You are now working as sender for Lincoln Police.')
    assert.include(back, 'Police burglary appeal')
  })

  test('a record of their other organisation is not opened from this one: the page offers the switch', async ({
    assert,
  }) => {
    const { watch, person } = await twoOrganisations()
    const alert = await Alert.findByOrFail('title', 'Watch meeting on Tuesday')
    const template = await AlertTemplate.create({
      organisationId: watch.id,
      name: 'Watch meeting template',
      title: 'Meeting',
      body: 'Come along.',
      priority: 1,
      category: null,
      createdById: person.id,
    })
    const browser = await signInStaff(person)

    // Working for the police, where they are a sender: the watch's records stay closed.
    for (const path of [`/staff/alerts/${alert.id}`, `/staff/templates/${template.id}/edit`]) {
      const page = await browser.get(path)
      assert.equal(page.status, 403, path)
      const text = visibleText(page.text)
      assert.include(
        text,
        'This belongs to Abbey Neighbourhood Watch: switch organisation to open it'
      )
      assert.notInclude(text, 'Come along.')
      assert.notInclude(page.text, 'Watch meeting on Tuesday')
      assert.include(page.text, `<input type="hidden" name="organisationId" value="${watch.id}">`)
      assert.include(page.text, `<input type="hidden" name="returnTo" value="${path}">`)
    }

    // The button switches and opens the record.
    await browser.get(`/staff/alerts/${alert.id}`)
    const opened = await browser.post('/staff/organisation', {
      organisationId: watch.id,
      returnTo: `/staff/alerts/${alert.id}`,
    })
    assert.equal(new URL(opened.url).pathname, `/staff/alerts/${alert.id}`)
    assert.include(
      visibleText(opened.text),
      'You are now working as admin for Abbey Neighbourhood Watch.'
    )
    assert.include(opened.text, 'Watch meeting on Tuesday')

    // Only a path inside the staff pages is followed.
    const elsewhere = await browser.post('/staff/organisation', {
      organisationId: watch.id,
      returnTo: 'https://evil.example/staff',
    })
    assert.equal(new URL(elsewhere.url).pathname, '/staff')
  })

  test('the header offers the switch only to someone with more than one organisation', async ({
    assert,
  }) => {
    const { police, person } = await twoOrganisations()
    const several = (await (await signInStaff(person)).get('/staff')).text
    assert.include(several, 'Switch organisation')
    assert.include(visibleText(several), 'Abbey Neighbourhood Watch (admin)')

    const single = await signInStaff(await createStaff(police, 'sender'))
    assert.notInclude((await single.get('/staff')).text, 'Switch organisation')
  })

  test('switching to an organisation they do not belong to is refused, and nothing changes', async ({
    assert,
  }) => {
    const { person } = await twoOrganisations()
    const stranger = await createOrganisation('Other Fire')
    await draft(stranger, await createStaff(stranger, 'sender'), 'Fire safety week')
    const browser = await signInStaff(person)
    await browser.get('/staff')

    const refused = await browser.post('/staff/organisation', { organisationId: stranger.id })
    const text = visibleText(refused.text)
    assert.include(text, 'You cannot work for that organisation: you are not one of its staff.')
    assert.include(text, 'You are working as sender for Lincoln Police.')
    assert.include(text, 'Police burglary appeal')
    assert.notInclude(text, 'Fire safety week')

    const nonsense = await browser.post('/staff/organisation', { organisationId: 'police' })
    assert.include(visibleText(nonsense.text), 'Choose one of your organisations from the list')
    assert.include(visibleText(nonsense.text), 'You are working as sender for Lincoln Police.')

    assert.equal(
      (await AuditLog.query().where('action', 'staff.organisation_switch_refused')).length,
      2
    )
    assert.notExists(await AuditLog.query().where('action', 'staff.organisation_switched').first())
  })

  test('when the chosen organisation removes them, they fall back to their first', async ({
    assert,
  }) => {
    const { watch, person } = await twoOrganisations()
    const browser = await signInStaff(person)
    await browser.get('/staff')
    await browser.post('/staff/organisation', { organisationId: watch.id })

    // Another admin of the watch removes them.
    const watchAdmin = await signInStaff(await createStaff(watch, 'admin'))
    const membership = await Membership.query()
      .where('user_id', person.id)
      .where('organisation_id', watch.id)
      .firstOrFail()
    await watchAdmin.get(`/staff/team/members/${membership.id}/remove`)
    await watchAdmin.post(`/staff/team/members/${membership.id}/remove`)
    assert.notExists(await Membership.find(membership.id))

    const page = await browser.get('/staff')
    assert.equal(page.status, 200)
    const text = visibleText(page.text)
    assert.include(text, 'Lincoln Police')
    assert.include(text, 'Police burglary appeal')
    assert.notInclude(text, 'Watch meeting on Tuesday')
    assert.notInclude(page.text, 'Switch organisation')
    assert.equal((await browser.get('/staff/team')).status, 403)

    // The stale choice is forgotten: joining the watch again does not bring it back.
    await Membership.create({ userId: person.id, organisationId: watch.id, role: 'admin' })
    const rejoined = visibleText((await browser.get('/staff')).text)
    assert.include(rejoined, 'You are working as sender for Lincoln Police.')
  })

  test('someone else signing in on the same browser starts with their own first organisation', async ({
    assert,
  }) => {
    const { watch, person } = await twoOrganisations()
    const browser = await signInStaff(person)
    await browser.get('/staff')
    await browser.post('/staff/organisation', { organisationId: watch.id })
    await browser.post('/staff/logout')

    const colleague = await createStaff(await createOrganisation('Boston Council'), 'sender')
    await Membership.create({ userId: colleague.id, organisationId: watch.id, role: 'officer' })
    await signInStaff(colleague, browser)
    const text = visibleText((await browser.get('/staff')).text)
    assert.include(text, 'You are working as sender for Boston Council.')
  })
})
