import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Alert, { type AlertStatus } from '#models/messaging/alert'
import Organisation from '#models/platform/organisation'
import Membership from '#models/platform/membership'
import AuditLog from '#models/platform/audit_log'
import ResidentImportRecord from '#models/residents/resident_import_record'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function alertOf(
  organisation: Organisation,
  title: string,
  status: AlertStatus,
  priority: number,
  daysAgo: number
) {
  const alert = await Alert.create({
    organisationId: organisation.id,
    title,
    body: 'Words',
    priority,
    status,
    criteria: { areaIds: [] },
  })
  alert.createdAt = DateTime.now().minus({ days: daysAgo })
  await alert.save()
  return alert
}

/** The titles in the order the alerts' table lists them. */
function titles(html: string) {
  return [...html.matchAll(/href="\/staff\/alerts\/\d+">([^<]+)<\/a><\/td>/g)].map((m) => m[1])
}

function residentNames(html: string) {
  return [...html.matchAll(/href="\/staff\/residents\/\d+">([^<]+)<\/a>/g)].map((m) => m[1].trim())
}

test.group('Staff lists: alerts', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('alerts are filtered by status and priority, sorted, and the last filter is remembered', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    await alertOf(organisation, 'Bridge closed', 'sent', 3, 3)
    await alertOf(organisation, 'Arson in Boston', 'sent', 1, 2)
    await alertOf(organisation, 'Coffee morning', 'draft', 5, 1)
    const browser = await signInStaff(await createStaff(organisation, 'analyst'))

    assert.deepEqual(titles((await browser.get('/staff')).text), [
      'Coffee morning',
      'Arson in Boston',
      'Bridge closed',
    ])
    const sent = await browser.get('/staff?status=sent&sort=title')
    assert.deepEqual(titles(sent.text), ['Arson in Boston', 'Bridge closed'])
    assert.include(sent.text, 'Clear filters')

    // Back from the menu: the same filter, until it is cleared.
    const back = await browser.get('/staff')
    assert.include(back.url, 'status=sent')
    assert.deepEqual(titles(back.text), ['Arson in Boston', 'Bridge closed'])
    assert.deepEqual(titles((await browser.get('/staff?sort=priority')).text), [
      'Arson in Boston',
      'Bridge closed',
      'Coffee morning',
    ])
    const cleared = await browser.get('/staff?all=1')
    assert.lengthOf(titles(cleared.text), 3)
    assert.lengthOf(titles((await browser.get('/staff')).text), 3)
    assert.notInclude((await browser.get('/staff')).url, 'sort=')

    const none = await browser.get('/staff?status=cancelled')
    assert.include(none.text, 'No alert matches these filters.')
    assert.include(none.text, 'href="/staff?all=1"')
    const edited = await browser.get('/staff?status=lost')
    assert.include(edited.text, 'A filter in the page address was not recognised')
    assert.lengthOf(titles(edited.text), 3)
  })

  test('the remembered filter belongs to one organisation', async ({ assert }) => {
    const police = await createOrganisation('Police')
    const watch = await createOrganisation('Neighbourhood Watch')
    await alertOf(watch, 'Watch meeting', 'draft', 5, 1)
    const member = await createStaff(police, 'admin')
    await Membership.create({ userId: member.id, organisationId: watch.id, role: 'admin' })
    const browser = await signInStaff(member)
    await browser.get('/staff?status=sent')
    const switched = await browser.post('/staff/organisation', { organisationId: watch.id })
    assert.include(switched.text, 'Watch meeting')
    assert.notInclude((await browser.get('/staff')).url, 'status=')
    await browser.post('/staff/organisation', { organisationId: police.id })
    assert.include((await browser.get('/staff')).url, 'status=sent')
  })
  test('an organisation numbered in the tens of thousands remembers a filter in a session a browser keeps', async ({
    assert,
  }) => {
    // Installs that have made (and removed) many organisations reach such numbers.
    const large = await Organisation.create({
      id: 40_000,
      name: 'Large numbered',
      slug: 'large-40000',
    })
    await alertOf(large, 'Bridge closed', 'sent', 3, 3)
    await alertOf(large, 'Coffee morning', 'draft', 5, 1)
    const browser = await signInStaff(await createStaff(large, 'analyst'))
    const filtered = await browser.get('/staff?status=sent')
    assert.deepEqual(titles(filtered.text), ['Bridge closed'])
    const session = filtered.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .filter((pair) => !pair.startsWith('beacon-session='))
    assert.isNotEmpty(session, 'the session is saved in a cookie')
    for (const pair of session) assert.isBelow(Buffer.byteLength(pair), 4096)
    // The test browser, like a real one, drops a cookie over 4 KB: the filter would be forgotten.
    assert.include((await browser.get('/staff')).url, 'status=sent')
  })
})

test.group('Staff lists: residents', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('residents are sorted by name or sign-up, and the last filter is remembered', async ({
    assert,
  }) => {
    const { central, skirbeck } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation], {
      name: 'Ann Older',
      createdAt: DateTime.now().minus({ days: 2 }),
    })
    await createResident(skirbeck, [organisation], { name: 'Zoe Newer' })
    const browser = await signInStaff(await createStaff(organisation, 'sender'))

    assert.deepEqual(residentNames((await browser.get('/staff/residents')).text), [
      'Ann Older',
      'Zoe Newer',
    ])
    const newest = await browser.get('/staff/residents?sort=newest')
    assert.deepEqual(residentNames(newest.text), ['Zoe Newer', 'Ann Older'])
    assert.notInclude(newest.text, 'Clear filters', 'an order alone is not a filter')

    await browser.get(`/staff/residents?areaId=${central.id}`)
    const back = await browser.get('/staff/residents')
    assert.include(back.url, `areaId=${central.id}`)
    assert.deepEqual(residentNames(back.text), ['Ann Older'])
    assert.include(back.text, 'href="/staff/residents?all=1"')
    assert.deepEqual(residentNames((await browser.get('/staff/residents?all=1')).text), [
      'Ann Older',
      'Zoe Newer',
    ])
    assert.notInclude((await browser.get('/staff/residents')).url, 'areaId')
  })
})

test.group('Staff lists: the audit log', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an admin reads their organisation’s entries, searched, filtered and sorted; nobody else’s', async ({
    assert,
  }) => {
    const organisation = await createOrganisation('Police')
    const other = await createOrganisation('Fire')
    const admin = await createStaff(organisation, 'admin')
    const sender = await createStaff(organisation, 'sender')
    const entry = (action: string, userId: number | null, orgId: number, minutesAgo: number) =>
      AuditLog.create({
        action,
        userId,
        organisationId: orgId,
        createdAt: DateTime.now().minus({ minutes: minutesAgo }),
      })
    await entry('alert.sent', sender.id, organisation.id, 30)
    await entry('organisation.approval_changed', admin.id, organisation.id, 20)
    await entry('alert.cancelled', sender.id, other.id, 10)
    const browser = await signInStaff(admin)

    const empty = await browser.get('/staff/audit-log?action=token.created')
    assert.include(empty.text, 'No entry matches these filters.')
    await browser.get('/staff/audit-log?all=1')

    const page = await browser.get('/staff/audit-log')
    const rows = (html: string) =>
      [...html.matchAll(/data-action>([^<]+)/g)].map((match) => match[1].trim())
    assert.includeMembers(rows(page.text), ['Alert sent', 'Organisation approval changed'])
    assert.notInclude(page.text, 'Alert cancelled', 'another organisation’s entry')
    assert.include(page.text, `Test sender (${sender.email})`)
    const oldestFirst = rows((await browser.get('/staff/audit-log?sort=oldest')).text)
    assert.isBelow(
      oldestFirst.indexOf('Alert sent'),
      oldestFirst.indexOf('Organisation approval changed')
    )

    const bySender = await browser.get(`/staff/audit-log?q=${encodeURIComponent(sender.email)}`)
    assert.deepEqual(rows(bySender.text), ['Alert sent'])
    const byAction = await browser.get('/staff/audit-log?action=organisation.approval_changed')
    assert.include(byAction.text, 'Organisation approval changed')
    assert.notInclude(rows(byAction.text), 'Alert sent')
    // Remembered until cleared.
    assert.include(
      (await browser.get('/staff/audit-log')).url,
      'action=organisation.approval_changed'
    )

    const senderBrowser = await signInStaff(sender)
    assert.equal((await senderBrowser.get('/staff/audit-log')).status, 403)
  })
})

test.group('Staff lists: imports', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('imports are searched by file, filtered by kind, sorted, paged and remembered', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const other = await createOrganisation('Other')
    const admin = await createStaff(organisation, 'admin')
    const browser = await signInStaff(admin)
    const files = (html: string) =>
      [...html.matchAll(/data-file>([^<]+)</g)].map((match) => match[1])

    const empty = await browser.get('/staff/residents/imports')
    assert.include(empty.text, 'No file has been imported or checked yet.')
    assert.include(empty.text, 'href="/staff/residents/import"')

    const record = (
      orgId: number,
      filename: string,
      status: string,
      rejected: number,
      days: number
    ) =>
      ResidentImportRecord.create({
        organisationId: orgId,
        userId: admin.id,
        filename,
        status: status as 'imported' | 'dry_run',
        totalRows: 10,
        importedRows: 10 - rejected,
        rejectedRows: rejected,
        report: null,
        createdAt: DateTime.now().minus({ days }),
      })
    await record(organisation.id, 'old-register.csv', 'imported', 1, 3)
    await record(organisation.id, 'newsletter.csv', 'dry_run', 5, 2)
    await record(organisation.id, 'parish-list.csv', 'imported', 0, 1)
    await record(other.id, 'someone-elses.csv', 'imported', 0, 1)

    assert.deepEqual(files((await browser.get('/staff/residents/imports')).text), [
      'parish-list.csv',
      'newsletter.csv',
      'old-register.csv',
    ])
    const rejected = await browser.get('/staff/residents/imports?sort=rejected')
    assert.deepEqual(files(rejected.text), [
      'newsletter.csv',
      'old-register.csv',
      'parish-list.csv',
    ])
    const imported = await browser.get('/staff/residents/imports?status=imported&q=register')
    assert.deepEqual(files(imported.text), ['old-register.csv'])
    assert.deepEqual(files((await browser.get('/staff/residents/imports')).text), [
      'old-register.csv',
    ])
    const none = await browser.get('/staff/residents/imports?q=nothing-like-it')
    assert.include(none.text, 'No import matches these filters.')
    assert.lengthOf(files((await browser.get('/staff/residents/imports?all=1')).text), 3)

    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    assert.equal((await sender.get('/staff/residents/imports')).status, 403)
  })
})
