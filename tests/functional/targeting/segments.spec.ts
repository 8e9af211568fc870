import { test } from '@japa/runner'
import Segment from '#models/targeting/segment'
import Interest from '#models/residents/interest'
import AuditLog from '#models/platform/audit_log'
import { countRows, createOrganisation, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

function isTicked(page: string, id: string) {
  return new RegExp(`id="${id}"[^>]*checked`).test(page)
}

async function signedInSender() {
  const areas = await seedAreas()
  const organisation = await createOrganisation()
  const sender = await createStaff(organisation, 'sender')
  const browser = await signInStaff(sender)
  return { ...areas, organisation, sender, browser }
}

test.group('Segments: saving criteria', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the builder saves its criteria as a named segment and keeps the alert being written', async ({
    assert,
  }) => {
    const { browser, organisation, sender, central } = await signedInSender()
    const burglary = await Interest.create({ slug: 'burglary', name: 'Burglary', position: 1 })
    const page = await browser.submit(
      '/staff/alerts/new',
      {
        'title': 'Half-written alert',
        'areaIds[]': [central.id],
        'interestIds[]': [burglary.id],
        'segmentName': 'Central burglary watchers',
      },
      { action: '/staff/segments' }
    )
    assert.include(page.url, '/staff/alerts/new')
    assert.include(
      page.text,
      'The criteria have been saved as the segment “Central burglary watchers”.'
    )
    assert.include(page.text, 'value="Half-written alert"')
    assert.isTrue(isTicked(page.text, `area-${central.id}`))
    assert.isTrue(isTicked(page.text, `interest-${burglary.id}`))

    const segment = await Segment.findByOrFail('name', 'Central burglary watchers')
    assert.equal(segment.organisationId, organisation.id)
    assert.equal(segment.createdBy, sender.id)
    assert.deepEqual(segment.criteria, { areaIds: [central.id], interestIds: [burglary.id] })
    const entry = await AuditLog.query().where('action', 'segment.created').firstOrFail()
    assert.equal(entry.subjectId, segment.id)
    assert.equal(entry.userId, sender.id)
    assert.equal(await countRows('alerts'), 0, 'saving a segment writes no alert')
  })

  test('an empty or duplicate name is refused and nothing is saved', async ({ assert }) => {
    const { browser, organisation, central } = await signedInSender()
    await Segment.create({
      organisationId: organisation.id,
      name: 'Boston wards',
      criteria: { areaIds: [central.id] },
      createdBy: null,
    })

    const empty = await browser.submit(
      '/staff/alerts/new',
      { 'areaIds[]': [central.id], 'segmentName': '   ' },
      { action: '/staff/segments' }
    )
    assert.include(empty.text, 'Enter a name for the segment')
    assert.isTrue(isTicked(empty.text, `area-${central.id}`))

    const duplicate = await browser.submit(
      '/staff/alerts/new',
      { 'areaIds[]': [central.id], 'segmentName': 'boston WARDS' },
      { action: '/staff/segments' }
    )
    assert.include(duplicate.text, 'There is already a segment with this name')
    assert.equal(await countRows('segments'), 1)

    // The same name in another organisation is theirs to use.
    const fire = await createOrganisation('Fire')
    const fireBrowser = await signInStaff(await createStaff(fire, 'sender'))
    const theirs = await fireBrowser.submit(
      '/staff/alerts/new',
      { 'areaIds[]': [central.id], 'segmentName': 'Boston wards' },
      { action: '/staff/segments' }
    )
    assert.include(theirs.text, 'The criteria have been saved as the segment “Boston wards”.')
    assert.equal(await countRows('segments'), 2)
  })

  test('a segment with bad criteria is refused like an alert', async ({ assert }) => {
    const { browser } = await signedInSender()
    const page = await browser.submit(
      '/staff/alerts/new',
      {
        segmentName: 'Crossed lines',
        shape: JSON.stringify({
          type: 'polygon',
          coordinates: [
            [0, 52],
            [0.1, 52.1],
            [0.1, 52],
            [0, 52.1],
          ],
        }),
      },
      { action: '/staff/segments' }
    )
    assert.include(page.text, 'The edges of the drawn area cross each other')
    assert.equal(await countRows('segments'), 0)
  })
})

test.group('Segments: the list, using and deleting', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the list says what to do when there is none, then lists, searches and pages them', async ({
    assert,
  }) => {
    const { browser, organisation, central } = await signedInSender()
    const none = await browser.get('/staff/segments')
    assert.include(none.text, 'No segments yet')

    for (let index = 1; index <= 23; index++) {
      await Segment.create({
        organisationId: organisation.id,
        name: `Segment ${String(index).padStart(2, '0')}`,
        criteria: { areaIds: [central.id] },
        createdBy: null,
      })
    }
    await Segment.create({
      organisationId: organisation.id,
      name: 'Fraud victims, Boston',
      criteria: { areaIds: [central.id] },
      createdBy: null,
    })
    const first = await browser.get('/staff/segments')
    assert.include(first.text, '24 segments')
    assert.include(first.text, 'Fraud victims, Boston')
    assert.include(first.text, 'Segment 19')
    assert.notInclude(first.text, 'Segment 20')
    assert.include(first.text, 'Where:</strong> Central')
    const second = await browser.get('/staff/segments?page=2')
    assert.include(second.text, 'Segment 23')

    const search = await browser.get('/staff/segments?q=fraud')
    assert.include(search.text, 'Fraud victims, Boston')
    assert.notInclude(search.text, 'Segment 01')
    const nothing = await browser.get('/staff/segments?q=nothing-like-this')
    assert.include(nothing.text, 'No segment’s name contains “nothing-like-this”')
  })

  test('"Use" opens a new alert with the segment\'s criteria filled in', async ({ assert }) => {
    const { browser, organisation, central, abbey } = await signedInSender()
    const segment = await Segment.create({
      organisationId: organisation.id,
      name: 'Abbey and a circle',
      criteria: {
        areaIds: [abbey.id],
        shape: { type: 'circle', center: [0.05, 52.05], radiusMetres: 800 },
        languages: ['pl'],
      },
      createdBy: null,
    })
    const list = await browser.get('/staff/segments')
    assert.include(list.text, `href="/staff/alerts/new?segment=${segment.id}"`)
    const page = await browser.get(`/staff/alerts/new?segment=${segment.id}`)
    assert.include(page.text, 'The target is filled in from the segment “Abbey and a circle”')
    assert.isTrue(isTicked(page.text, `area-${abbey.id}`))
    assert.isFalse(isTicked(page.text, `area-${central.id}`))
    assert.isTrue(isTicked(page.text, 'languages-pl'))
    assert.include(page.text, 'Drawn: a circle of 800 metres radius')
    assert.include(page.text, 'No confirmed resident matches this target yet.')
  })

  test('deleting asks first, then removes the segment and audits it', async ({ assert }) => {
    const { browser, organisation, sender, central } = await signedInSender()
    const segment = await Segment.create({
      organisationId: organisation.id,
      name: 'Old target',
      criteria: { areaIds: [central.id] },
      createdBy: null,
    })
    const confirm = await browser.get(`/staff/segments/${segment.id}/delete`)
    assert.include(confirm.text, 'Delete the segment “Old target”?')
    assert.include(confirm.text, 'Central')
    assert.equal(await countRows('segments'), 1)

    const done = await browser.post(`/staff/segments/${segment.id}/delete`)
    assert.include(done.text, 'The segment “Old target” has been deleted.')
    assert.include(done.text, 'No segments yet')
    assert.equal(await countRows('segments'), 0)
    const entry = await AuditLog.query().where('action', 'segment.deleted').firstOrFail()
    assert.equal(entry.userId, sender.id)
    assert.equal(entry.subjectId, segment.id)
  })

  test("another organisation's segment is not found, and analysts have no segments page", async ({
    assert,
  }) => {
    const { browser, central, organisation } = await signedInSender()
    const fire = await createOrganisation('Fire')
    const theirs = await Segment.create({
      organisationId: fire.id,
      name: 'Fire secret target',
      criteria: { areaIds: [central.id] },
      createdBy: null,
    })
    const list = await browser.get('/staff/segments')
    assert.notInclude(list.text, 'Fire secret target')
    const use = await browser.get(`/staff/alerts/new?segment=${theirs.id}`)
    assert.equal(use.status, 404)
    const confirm = await browser.get(`/staff/segments/${theirs.id}/delete`)
    assert.equal(confirm.status, 404)
    const attempt = await browser.post(`/staff/segments/${theirs.id}/delete`)
    assert.equal(attempt.status, 404)
    assert.equal(await countRows('segments'), 1)

    const analyst = await signInStaff(await createStaff(organisation, 'analyst'))
    const refused = await analyst.get('/staff/segments')
    assert.equal(refused.status, 403)
  })
})
