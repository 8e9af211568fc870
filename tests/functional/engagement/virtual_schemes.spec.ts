import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import Scheme from '#models/residents/scheme'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signedInAs } from '#tests/helpers/self_service_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { sendsFinished } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'

// At latitude 53, 0.001° of latitude is about 111 metres.
const HOME = { lat: 53.0, lng: -0.5 }
const NEXT_STREET = { lat: 53.002, lng: -0.5 } // about 220 m north
const ACROSS_TOWN = { lat: 53.02, lng: -0.5 } // about 2.2 km north

async function street() {
  const { central } = await seedAreas()
  const organisation = await createOrganisation('Northshire Police')
  const starter = await createResident(central, [organisation], { name: 'Starter', ...HOME })
  const neighbour = await createResident(central, [organisation], {
    name: 'Neighbour',
    ...NEXT_STREET,
  })
  const faraway = await createResident(central, [organisation], {
    name: 'Faraway',
    ...ACROSS_TOWN,
  })
  return { central, organisation, starter, neighbour, faraway }
}

test.group('Virtual watch groups', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident starts a group around their home, a neighbour inside joins, and staff message it', async ({
    assert,
  }) => {
    const { central, organisation, starter, neighbour, faraway } = await street()
    const starterPages = await signedInAs(starter)
    const form = await starterPages.get('/my-alerts/groups/new')
    assert.include(form.text, 'Start a virtual watch group')
    const started = await starterPages.submit(
      '/my-alerts/groups/new',
      { name: 'Mill Lane Watch', cover: '500' },
      { action: '/my-alerts/groups' }
    )
    assert.include(started.text, 'You have started “Mill Lane Watch”.')
    const watchGroup = await Scheme.findByOrFail('name', 'Mill Lane Watch')
    assert.equal(watchGroup.kind, 'virtual_watch')
    assert.deepEqual(watchGroup.shape, {
      type: 'circle',
      center: [HOME.lng, HOME.lat],
      radiusMetres: 500,
    })
    assert.match(
      started.text,
      new RegExp(`value="${watchGroup.id}"[^>]*checked`),
      'the starter is in it'
    )

    const neighbourPages = await signedInAs(neighbour)
    const offered = await neighbourPages.get('/my-alerts/schemes')
    assert.include(offered.text, 'Mill Lane Watch')
    assert.include(offered.text, 'Virtual watch group, around homes near yours.')
    await neighbourPages.submit('/my-alerts/schemes', { 'schemeIds[]': String(watchGroup.id) })

    const farPages = await signedInAs(faraway)
    assert.notInclude((await farPages.get('/my-alerts/schemes')).text, 'Mill Lane Watch')
    const forged = await farPages.submit('/my-alerts/schemes', {
      'schemeIds[]': String(watchGroup.id),
    })
    assert.include(forged.text, 'Choose schemes from the list')
    const members = await db
      .from('scheme_members')
      .where('scheme_id', watchGroup.id)
      .orderBy('resident_id')
    assert.deepEqual(
      members.map((row) => Number(row.resident_id)),
      [starter.id, neighbour.id]
    )

    // Staff see the group and send an alert to its members only.
    const staff = await signInStaff(await createStaff(organisation, 'admin'))
    await staff.submit(
      '/staff/alerts/new',
      {
        'title': 'Van seen trying car doors',
        'body': 'Check your car is locked.',
        'priority': 3,
        'areaIds[]': [central.id],
        'schemeIds[]': [watchGroup.id],
      },
      { action: '/staff/alerts' }
    )
    const alert = await Alert.findByOrFail('title', 'Van seen trying car doors')
    assert.include(
      (await staff.post(`/staff/alerts/${alert.id}/send`)).text,
      'Sending has started.'
    )
    for (const member of [starter, neighbour]) {
      await smtpSink.waitForMail(member.email!, (mail) => mail.subject.includes('Van seen'))
    }
    await sendsFinished('email')
    for (const [resident, expected] of [
      [starter, 1],
      [neighbour, 1],
      [faraway, 0],
    ] as const) {
      const got = smtpSink
        .mailTo(resident.email!)
        .filter((mail) => mail.subject.includes('Van seen'))
      assert.lengthOf(got, expected, resident.name)
    }
  })

  test('a group’s area is checked, and a resident known only by their ward is told why they cannot start one', async ({
    assert,
  }) => {
    const { central, organisation, starter } = await street()
    const pages = await signedInAs(starter)
    const post = (fields: Record<string, unknown>) =>
      pages.submit('/my-alerts/groups/new', fields, { action: '/my-alerts/groups' })
    const square = (size: number) => [
      [HOME.lng - size, HOME.lat - size],
      [HOME.lng + size, HOME.lat - size],
      [HOME.lng + size, HOME.lat + size],
      [HOME.lng - size, HOME.lat + size],
    ]
    for (const [fields, message] of [
      [{ name: '', cover: '250' }, 'Enter a name for the group'],
      [{ name: 'Mill Lane' }, 'Choose how far around your home the group covers'],
      [{ name: 'Mill Lane', cover: 'drawn', shape: '' }, 'Draw the group’s area on the map'],
      [
        {
          name: 'Mill Lane',
          cover: 'drawn',
          shape: JSON.stringify({
            type: 'polygon',
            coordinates: [
              [HOME.lng - 0.001, HOME.lat - 0.001],
              [HOME.lng + 0.001, HOME.lat + 0.001],
              [HOME.lng + 0.001, HOME.lat - 0.001],
              [HOME.lng - 0.001, HOME.lat + 0.001],
            ],
          }),
        },
        'The edges of the drawn area cross each other',
      ],
      [
        {
          name: 'Mill Lane',
          cover: 'drawn',
          shape: JSON.stringify({ type: 'polygon', coordinates: square(0.03) }),
        },
        'A group can cover at most 3 kilometres from side to side',
      ],
      [
        {
          name: 'Mill Lane',
          cover: 'drawn',
          shape: JSON.stringify({
            type: 'circle',
            center: [HOME.lng, HOME.lat + 0.01],
            radiusMetres: 300,
          }),
        },
        'The area you drew does not include your home',
      ],
    ] as const) {
      const refused = await post(fields)
      assert.include(refused.text, 'There is a problem', JSON.stringify(fields))
      assert.include(refused.text, message)
    }
    assert.equal(
      await Scheme.query()
        .where('kind', 'virtual_watch')
        .count('* as n')
        .first()
        .then((row) => Number(row!.$extras.n)),
      0
    )

    // A drawn square around the home is accepted; three groups is the most one person starts.
    const drawn = await post({
      name: 'Mill Lane Watch',
      cover: 'drawn',
      shape: JSON.stringify({ type: 'polygon', coordinates: square(0.002) }),
    })
    assert.include(drawn.text, 'You have started “Mill Lane Watch”.')
    await post({ name: 'Second', cover: '250' })
    await post({ name: 'Third', cover: '250' })
    assert.include(
      (await post({ name: 'Fourth', cover: '250' })).text,
      'You have started 3 groups already'
    )

    const wardOnly = await createResident(central, [organisation], { name: 'Ward only' })
    const wardPages = await signedInAs(wardOnly)
    assert.include(
      (await wardPages.get('/my-alerts/groups/new')).text,
      'We know only your ward, not where your home is'
    )
    const refused = await wardPages.submit(
      '/my-alerts/groups/new',
      { name: 'Somewhere', cover: '250' },
      { action: '/my-alerts/groups' }
    )
    assert.include(refused.text, 'We know only your ward, not where your home is')
  })
})
