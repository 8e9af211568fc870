import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Alert from '#models/messaging/alert'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { sendsFinished } from '#tests/helpers/queues'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

const FIRE_TITLE = 'Grass fire near Market Street'
const POLICE_TITLE = 'Road closed: grass fire'

/** The police and the fire service share a register; the fire service alerted Central first. */
async function sharedRegister() {
  const { central, skirbeck, abbey } = await seedAreas()
  const police = await createOrganisation('Northshire Police')
  const fire = await createOrganisation('Northshire Fire and Rescue')
  const council = await createOrganisation('Northshire Council')
  const both = [police, fire]
  const residents = [
    await createResident(central, both, { name: 'Both, Central 1' }),
    await createResident(central, both, { name: 'Both, Central 2' }),
    await createResident(central, both, { name: 'Both, Central 3' }),
    await createResident(central, [police], { name: 'Police only, Central' }),
    await createResident(skirbeck, both, { name: 'Both, Skirbeck' }),
  ]
  const fireAlert = await Alert.create({
    organisationId: fire.id,
    title: FIRE_TITLE,
    body: 'Keep windows shut.',
    priority: 3,
    category: 'fire-safety',
    status: 'sending',
    criteria: { areaIds: [central.id] },
  })
  await AlertDispatcher.dispatch(fireAlert.id)
  for (const resident of residents.slice(0, 3)) {
    await smtpSink.waitForMail(resident.email!, (mail) => mail.subject.includes(FIRE_TITLE))
  }
  await sendsFinished('email')
  const sender = await createStaff(police, 'admin')
  const browser = await signInStaff(sender)
  await browser.submit(
    '/staff/alerts/new',
    {
      'title': POLICE_TITLE,
      'body': 'The A16 is closed at Market Street.',
      'priority': 3,
      'category': 'fire-safety',
      'areaIds[]': [central.id, skirbeck.id],
    },
    { action: '/staff/alerts' }
  )
  const draft = await Alert.findByOrFail('title', POLICE_TITLE)
  return { central, skirbeck, abbey, police, fire, council, residents, fireAlert, draft, browser }
}

test.group('One alert per incident across organisations', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the sender sees the other organisation’s alert, leaves out whom it reached, and each resident gets one alert', async ({
    assert,
  }) => {
    const { residents, fireAlert, draft, browser, central, skirbeck } = await sharedRegister()

    const page = await browser.get(`/staff/alerts/${draft.id}`)
    assert.include(
      page.text,
      'Another organisation has alerted residents about Fire safety in the last 6 hours.'
    )
    assert.match(
      page.text,
      /Northshire Fire and Rescue sent “Grass fire near Market Street” (\d+ (seconds?|minutes?)|now|in 0 seconds)[^<]* to 60% of this alert’s audience \(3 residents\)\./
    )
    assert.include(page.text, 'Keep windows shut.', 'their alert can be read')
    assert.include(page.text, 'will reach <strong>5</strong> residents')

    const leftOut = await browser.post(
      `/staff/alerts/${draft.id}/overlaps/${fireAlert.id}/leave-out`
    )
    assert.include(leftOut.text, 'The residents the other alert reached are left out of this one.')
    assert.include(leftOut.text, 'The residents it reached are left out of this alert.')
    assert.include(leftOut.text, 'will reach <strong>2</strong> residents')
    // Editing the text keeps them left out.
    await browser.submit(
      `/staff/alerts/${draft.id}/edit`,
      {
        'title': POLICE_TITLE,
        'body': 'The A16 is closed at Market Street until 6pm.',
        'priority': 3,
        'category': 'fire-safety',
        'areaIds[]': [central.id, skirbeck.id],
      },
      { action: `/staff/alerts/${draft.id}` }
    )
    await draft.refresh()
    assert.deepEqual(draft.criteria.excludeRecipientsOf, [fireAlert.id])

    const sent = await browser.post(`/staff/alerts/${draft.id}/send`)
    assert.include(sent.text, 'Sending has started.')
    for (const resident of residents.slice(3)) {
      await smtpSink.waitForMail(resident.email!, (mail) => mail.subject.includes(POLICE_TITLE))
    }
    await sendsFinished('email')
    // Each (resident, alert) pair at the sink: exactly one alert about the fire for everyone.
    for (const resident of residents) {
      const got = smtpSink
        .mailTo(resident.email!)
        .filter((mail) => mail.subject.includes(FIRE_TITLE) || mail.subject.includes(POLICE_TITLE))
        .map((mail) => (mail.subject.includes(FIRE_TITLE) ? 'fire' : 'police'))
      assert.deepEqual(got, [residents.indexOf(resident) < 3 ? 'fire' : 'police'], resident.name)
    }
  })

  test('a scheduled alert is shown without leaving anyone out; other categories and old alerts are not shown', async ({
    assert,
  }) => {
    const { draft, browser, council, central, fireAlert, police } = await sharedRegister()
    const scheduled = await Alert.create({
      organisationId: council.id,
      title: 'Council: smoke advice',
      body: 'Close windows.',
      priority: 2,
      category: 'fire-safety',
      status: 'scheduled',
      scheduledAt: DateTime.now().plus({ hours: 2 }),
      criteria: { areaIds: [central.id] },
    })
    await Alert.create({
      organisationId: council.id,
      title: 'Council: bin collections',
      body: 'Bins as usual.',
      priority: 2,
      category: 'community-news',
      status: 'scheduled',
      scheduledAt: DateTime.now().plus({ hours: 1 }),
      criteria: { areaIds: [central.id] },
    })
    // One resident of the police's audience also consents to the council.
    await createResident(central, [police, council], { name: 'Police and council' })
    const page = await browser.get(`/staff/alerts/${draft.id}`)
    assert.include(page.text, 'Other organisations have alerted residents about Fire safety')
    assert.match(
      page.text,
      /Northshire Council has scheduled “Council: smoke advice” for [^;]+; it will reach 17% of this alert’s audience \(1 resident\)\./
    )
    assert.notInclude(page.text, `/overlaps/${scheduled.id}/leave-out`, 'it has reached nobody yet')
    assert.include(page.text, `/overlaps/${fireAlert.id}/leave-out`)
    assert.notInclude(page.text, 'bin collections')

    // A forged or unrelated alert cannot be left out; the fire alert, once old, is not offered.
    const forged = await browser.post(`/staff/alerts/${draft.id}/overlaps/999999/leave-out`)
    assert.include(forged.text, 'That alert is not one this alert can leave its residents out for.')
    await Alert.query()
      .where('id', fireAlert.id)
      .update({ dispatched_at: sqlTime(DateTime.now().minus({ hours: 7 })) })
    const later = await browser.get(`/staff/alerts/${draft.id}`)
    assert.notInclude(later.text, FIRE_TITLE)
    await draft.refresh()
    assert.isUndefined(draft.criteria.excludeRecipientsOf)
  })
})
