import { test } from '@japa/runner'
import Alert from '#models/messaging/alert'
import Interest from '#models/residents/interest'
import Scheme from '#models/residents/scheme'
import AuditLog from '#models/platform/audit_log'
import {
  countRows,
  createOrganisation,
  createResident,
  createStaff,
  seedAreas,
} from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const SQUARE = JSON.stringify({
  type: 'polygon',
  coordinates: [
    [0.01, 52.01],
    [0.09, 52.01],
    [0.09, 52.09],
    [0.01, 52.09],
  ],
})

function isTicked(page: string, id: string) {
  return new RegExp(`id="${id}"[^>]*checked`).test(page)
}

async function composeAsSender() {
  const areas = await seedAreas()
  const organisation = await createOrganisation()
  const sender = await createStaff(organisation, 'sender')
  const browser = await signInStaff(sender)
  return { ...areas, organisation, sender, browser }
}

const ALERT = { title: 'Van thefts', body: 'Vans broken into overnight.', priority: 3 }

test.group('Targeting builder: building a target', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('every kind of criterion is saved with the alert and described in words on its page', async ({
    assert,
  }) => {
    const { browser, central } = await composeAsSender()
    const burglary = await Interest.create({ slug: 'burglary', name: 'Burglary', position: 1 })
    const fraud = await Interest.create({ slug: 'fraud', name: 'Fraud', position: 2 })
    const farm = await Scheme.create({ name: 'Fens Farm Watch', kind: 'farm_watch' })

    const page = await browser.submit(
      '/staff/alerts/new',
      {
        ...ALERT,
        'areaIds[]': [central.id],
        'shape': SQUARE,
        'interestIds[]': [burglary.id, fraud.id],
        'schemeIds[]': [farm.id],
        'channels[]': ['email'],
        'languages[]': ['pl', 'ro'],
        'ageBands[]': ['65_74', '75_plus'],
        'disabilities[]': ['yes'],
        'sources[]': ['doorstep'],
      },
      { action: '/staff/alerts' }
    )

    const alert = await Alert.findByOrFail('title', 'Van thefts')
    assert.deepEqual(alert.criteria, {
      areaIds: [central.id],
      shape: JSON.parse(SQUARE),
      interestIds: [burglary.id, fraud.id],
      schemeIds: [farm.id],
      channels: ['email'],
      languages: ['pl', 'ro'],
      demographics: { ageBands: ['65_74', '75_plus'], disabilities: ['yes'] },
      sources: ['doorstep'],
    })
    assert.include(page.text, 'Central or a shape with 4 corners drawn on the map')
    assert.include(page.text, 'Burglary or Fraud')
    assert.include(page.text, 'Fens Farm Watch (Farm Watch)')
    assert.include(page.text, 'Polish or Romanian')
    assert.include(page.text, '65 to 74 or 75 or over')
    assert.include(page.text, 'Signed up on the doorstep')
  })

  test('a shape drawn on the map is enough on its own, and reaches the residents inside it', async ({
    assert,
  }) => {
    const { browser, organisation, abbey } = await composeAsSender()
    await createResident(abbey, [organisation], { lat: 52.05, lng: 0.05 })
    await createResident(abbey, [organisation], { lat: 53.5, lng: 0.05 })
    const circle = JSON.stringify({ type: 'circle', center: [0.05, 52.05], radiusMetres: 2500 })
    const page = await browser.submit(
      '/staff/alerts/new',
      { ...ALERT, shape: circle },
      { action: '/staff/alerts' }
    )
    assert.include(page.text, 'a circle of 2.5 km radius around 52.0500°N, 0.0500°E')
    assert.include(page.text, 'This alert will reach <strong>1</strong> resident')
    const alert = await Alert.findByOrFail('title', 'Van thefts')
    assert.deepEqual(alert.criteria, { areaIds: [], shape: JSON.parse(circle) })
  })

  test('"Update the count" shows the count by channel without JavaScript and saves nothing', async ({
    assert,
  }) => {
    const { browser, organisation, central, abbey } = await composeAsSender()
    await createResident(central, [organisation])
    await createResident(central, [organisation])
    await createResident(abbey, [organisation])

    const page = await browser.submit(
      '/staff/alerts/new',
      { ...ALERT, 'areaIds[]': [central.id], 'intent': 'count' },
      { action: '/staff/alerts' }
    )
    assert.include(page.text, 'This alert would reach 2 residents by email.')
    assert.isTrue(isTicked(page.text, `area-${central.id}`))
    assert.isFalse(isTicked(page.text, `area-${abbey.id}`))
    assert.include(page.text, 'value="Van thefts"')
    assert.equal(await countRows('alerts'), 0)

    const both = await browser.submit(
      '/staff/alerts/new',
      { ...ALERT, 'areaIds[]': [central.id, abbey.id], 'intent': 'count' },
      { action: '/staff/alerts' }
    )
    assert.include(both.text, 'This alert would reach 3 residents by email.')
  })

  test('the message hint explains Markdown and the length limit', async ({ assert }) => {
    const { browser } = await composeAsSender()
    const page = await browser.get('/staff/alerts/new')
    assert.include(
      page.text,
      'Up to 5,000 characters. You can use Markdown: **bold**, *italic*, lists, and links.'
    )
    assert.include(page.text, 'Drawing on the map needs JavaScript')
    assert.include(
      page.text,
      'residents who gave no postcode or map point are reached only through the areas ticked above'
    )
  })
})

test.group('Targeting builder: refusals', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  const manyCorners = manyCornersShape()

  const refusals: [string, Record<string, unknown>, string][] = [
    [
      'a polygon whose edges cross',
      {
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
      'The edges of the drawn area cross each other. Draw it again so that no edge crosses another',
    ],
    [
      'a polygon of 101 corners',
      { shape: manyCorners },
      'A drawn area can have at most 100 corners. Draw it again with fewer',
    ],
    [
      'a circle wider than 50 km',
      { shape: JSON.stringify({ type: 'circle', center: [0.05, 52.05], radiusMetres: 60000 }) },
      'A drawn circle can have a radius of at most 50 kilometres',
    ],
    [
      'a circle under 50 metres',
      { shape: JSON.stringify({ type: 'circle', center: [0.05, 52.05], radiusMetres: 10 }) },
      'A drawn circle must have a radius of at least 50 metres',
    ],
    [
      'a shape field that is not JSON',
      { shape: '{"type":"polygon","coordinates":[[0,52],' },
      'The area drawn on the map could not be read. Remove it and draw it again',
    ],
    [
      'a shape with a point off the globe',
      {
        shape: JSON.stringify({
          type: 'polygon',
          coordinates: [
            [0, 52],
            [0, 95],
            [1, 52],
          ],
        }),
      },
      'The area drawn on the map could not be read',
    ],
    ['no area and no shape', {}, 'Choose at least one area, or draw one on the map'],
    [
      'an interest that does not exist',
      { 'interestIds[]': [987654] },
      'One of the chosen interests no longer exists. Choose the interests again',
    ],
    [
      'a watch scheme that does not exist',
      { 'schemeIds[]': [987654] },
      'One of the chosen watch schemes no longer exists. Choose the schemes again',
    ],
    ['a language not offered', { 'languages[]': ['xx'] }, 'Choose the languages from the list'],
    [
      'a channel not registered',
      { 'channels[]': ['pigeon'] },
      'Choose the ways of reaching residents from the list',
    ],
    ['an answer not offered', { 'ageBands[]': ['ancient'] }, 'Choose the age groups from the list'],
  ]

  for (const [name, fields, explanation] of refusals) {
    test(`${name} is refused with a plain explanation and nothing is saved`, async ({ assert }) => {
      const { browser, central } = await composeAsSender()
      const withArea =
        name === 'no area and no shape' || 'shape' in fields ? {} : { 'areaIds[]': [central.id] }
      const page = await browser.submit(
        '/staff/alerts/new',
        { ...ALERT, ...withArea, ...fields },
        { action: '/staff/alerts' }
      )
      assert.include(page.text, 'There is a problem')
      assert.include(page.text, explanation)
      // The sender's entries come back, ready to correct.
      assert.include(page.text, 'value="Van thefts"')
      assert.equal(await countRows('alerts'), 0)
    })
  }

  test('a refused count keeps the page and explains the problem', async ({ assert }) => {
    const { browser } = await composeAsSender()
    const page = await browser.submit(
      '/staff/alerts/new',
      { ...ALERT, shape: manyCorners, intent: 'count' },
      { action: '/staff/alerts' }
    )
    assert.include(page.text, 'A drawn area can have at most 100 corners')
    assert.equal(await countRows('alerts'), 0)
  })
})

test.group('Targeting builder: changing a draft', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  async function draftFor(organisationId: number, areaIds: number[], status = 'draft') {
    return Alert.create({
      organisationId,
      title: 'Draft about sheds',
      body: 'Lock your shed.',
      priority: 2,
      status: status as Alert['status'],
      isPublic: true,
      criteria: { areaIds },
    })
  }

  test('a draft opens in the builder filled in, and its changes are saved and audited', async ({
    assert,
  }) => {
    const { browser, organisation, sender, central, abbey } = await composeAsSender()
    const draft = await draftFor(organisation.id, [central.id])
    const show = await browser.get(`/staff/alerts/${draft.id}`)
    assert.include(show.text, `href="/staff/alerts/${draft.id}/edit"`)

    const edit = await browser.get(`/staff/alerts/${draft.id}/edit`)
    assert.equal(edit.status, 200)
    assert.include(edit.text, 'value="Draft about sheds"')
    assert.isTrue(isTicked(edit.text, `area-${central.id}`))
    assert.isFalse(isTicked(edit.text, `area-${abbey.id}`))

    const saved = await browser.submit(
      `/staff/alerts/${draft.id}/edit`,
      {
        'title': 'Sheds and garages',
        'body': 'Lock your shed and garage.',
        'priority': 3,
        'areaIds[]': [abbey.id],
        'shape': SQUARE,
        'languages[]': ['en'],
      },
      { action: `/staff/alerts/${draft.id}` }
    )
    assert.include(saved.text, 'Your changes to the alert have been saved.')
    assert.include(saved.text, 'Sheds and garages')
    await draft.refresh()
    assert.equal(draft.title, 'Sheds and garages')
    assert.equal(draft.priority, 3)
    assert.deepEqual(draft.criteria, {
      areaIds: [abbey.id],
      shape: JSON.parse(SQUARE),
      languages: ['en'],
    })
    const entry = await AuditLog.query().where('action', 'alert.updated').firstOrFail()
    assert.equal(entry.userId, sender.id)
    assert.equal(entry.subjectId, draft.id)
  })

  test('bad changes are refused and the draft stays as it was', async ({ assert }) => {
    const { browser, organisation, central } = await composeAsSender()
    const draft = await draftFor(organisation.id, [central.id])
    const page = await browser.submit(
      `/staff/alerts/${draft.id}/edit`,
      { title: 'Changed', body: 'Changed', priority: 2, shape: manyCornersShape() },
      { action: `/staff/alerts/${draft.id}` }
    )
    assert.include(page.text, 'A drawn area can have at most 100 corners')
    assert.include(page.url, `/staff/alerts/${draft.id}/edit`)
    await draft.refresh()
    assert.equal(draft.title, 'Draft about sheds')
  })

  test('an alert returned by an approver can be changed', async ({ assert }) => {
    const { browser, organisation, central } = await composeAsSender()
    const returned = await draftFor(organisation.id, [central.id], 'returned')
    const edit = await browser.get(`/staff/alerts/${returned.id}/edit`)
    assert.equal(edit.status, 200)
    assert.include(edit.text, 'value="Draft about sheds"')
  })

  test('a sent alert cannot be changed', async ({ assert }) => {
    const { browser, organisation, central, abbey } = await composeAsSender()
    const sent = await draftFor(organisation.id, [central.id], 'sent')
    const show = await browser.get(`/staff/alerts/${sent.id}`)
    assert.notInclude(show.text, `/staff/alerts/${sent.id}/edit`)

    const edit = await browser.get(`/staff/alerts/${sent.id}/edit`)
    assert.include(edit.url, `/staff/alerts/${sent.id}`)
    assert.include(edit.text, 'This alert can no longer be changed: it is sent.')

    const attempt = await browser.post(`/staff/alerts/${sent.id}`, {
      'title': 'Rewritten history',
      'body': 'Changed',
      'priority': 2,
      'areaIds[]': [abbey.id],
    })
    assert.include(attempt.text, 'This alert can no longer be changed: it is sent.')
    await sent.refresh()
    assert.equal(sent.title, 'Draft about sheds')
    assert.deepEqual(sent.criteria, { areaIds: [central.id] })
  })

  test("another organisation's draft cannot be opened or changed", async ({ assert }) => {
    const { browser, central } = await composeAsSender()
    const fire = await createOrganisation('Fire')
    const theirs = await draftFor(fire.id, [central.id])
    const edit = await browser.get(`/staff/alerts/${theirs.id}/edit`)
    assert.equal(edit.status, 403)
    assert.notInclude(edit.text, 'Draft about sheds')
    const attempt = await browser.post(`/staff/alerts/${theirs.id}`, {
      'title': 'Taken over',
      'body': 'Changed',
      'priority': 2,
      'areaIds[]': [central.id],
    })
    assert.equal(attempt.status, 403)
    await theirs.refresh()
    assert.equal(theirs.title, 'Draft about sheds')
  })
})

function manyCornersShape() {
  return JSON.stringify({
    type: 'polygon',
    coordinates: Array.from({ length: 101 }, (_, index) => {
      const angle = (2 * Math.PI * index) / 101
      return [0.05 + 0.04 * Math.cos(angle), 52.05 + 0.04 * Math.sin(angle)]
    }),
  })
}
