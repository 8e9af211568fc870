import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import AudienceQuery, { type AudienceCriteria } from '#services/targeting/audience_query'
import Interest from '#models/residents/interest'
import Scheme from '#models/residents/scheme'
import { describeAudience } from '#services/targeting/audience_wording'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { registerContactChannels } from '#tests/helpers/contact_channels'

test.group('Audience query', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('counts confirmed residents of the targeted areas who consent to the organisation', async ({
    assert,
  }) => {
    const { boston, central, skirbeck, abbey } = await seedAreas()
    const opcc = await createOrganisation('Lincolnshire OPCC')
    const fire = await createOrganisation('Fire and Rescue')

    await createResident(central, [opcc])
    await createResident(skirbeck, [opcc, fire])
    await createResident(abbey, [opcc])
    await createResident(central, [fire])
    await createResident(central, [opcc], { status: 'pending' })
    await createResident(central, [opcc], { status: 'unsubscribed' })
    const withdrawn = await createResident(central, [opcc])
    await db.from('consents').where('resident_id', withdrawn.id).update({ withdrawn_at: sqlTime() })

    const count = (organisationId: number, areaIds: number[], priority = 3) =>
      AudienceQuery.count({ organisationId, priority, criteria: { areaIds } })

    assert.equal(await count(opcc.id, [central.id]), 1)
    assert.equal(
      await count(opcc.id, [boston.id]),
      2,
      'a district reaches the residents of its wards'
    )
    assert.equal(await count(opcc.id, [central.id, abbey.id]), 2, 'areas are ORed')
    assert.equal(await count(fire.id, [boston.id]), 2)
    assert.equal(await count(opcc.id, []), 0, 'no area means nobody')
  })

  test('leaves out residents whose lowest accepted priority is above the alert', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const opcc = await createOrganisation()
    await createResident(central, [opcc], { priorityThreshold: 1 })
    await createResident(central, [opcc], { priorityThreshold: 4 })

    const criteria = { areaIds: [central.id] }
    assert.equal(await AudienceQuery.count({ organisationId: opcc.id, priority: 3, criteria }), 1)
    assert.equal(await AudienceQuery.count({ organisationId: opcc.id, priority: 4, criteria }), 2)
  })
})

test.group('Audience query: interests and channels', (group) => {
  group.setup(() => registerContactChannels())
  group.each.setup(() => emptyTablesAfterwards())

  test('interests are ORed within the kind and ANDed with the areas', async ({ assert }) => {
    const { central, abbey } = await seedAreas()
    const opcc = await createOrganisation()
    const [burglary, fraud, roads] = await Promise.all(
      ['burglary', 'fraud', 'roads'].map((slug, position) =>
        Interest.create({ slug, name: slug, position })
      )
    )
    const burglaryFan = await createResident(central, [opcc])
    const fraudFan = await createResident(central, [opcc])
    const roadsFan = await createResident(central, [opcc])
    const elsewhere = await createResident(abbey, [opcc])
    await burglaryFan.related('interests').attach([burglary.id])
    await fraudFan.related('interests').attach([fraud.id])
    await roadsFan.related('interests').attach([roads.id])
    await elsewhere.related('interests').attach([burglary.id])

    const count = (interestIds: number[]) =>
      AudienceQuery.count({
        organisationId: opcc.id,
        priority: 3,
        criteria: { areaIds: [central.id], interestIds },
      })
    assert.equal(await count([burglary.id]), 1)
    assert.equal(await count([burglary.id, fraud.id]), 2)
    assert.equal(await count([]), 3, 'no interest chosen means every interest')
  })

  test('a channel counts residents with a working contact who have not switched it off', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const opcc = await createOrganisation()
    await createResident(central, [opcc])
    await createResident(central, [opcc], { email: null, phone: '+447700900123' })
    const bounced = await createResident(central, [opcc])
    await db.from('residents').where('id', bounced.id).update({ email_bounced_at: sqlTime() })
    const quiet = await createResident(central, [opcc])
    await db.table('channel_preferences').insert({
      resident_id: quiet.id,
      channel: 'email',
      enabled: false,
      emergency_override: true,
      updated_at: sqlTime(),
    })

    const count = (channels: string[]) =>
      AudienceQuery.count({
        organisationId: opcc.id,
        priority: 3,
        criteria: { areaIds: [central.id], channels },
      })
    assert.equal(await count(['email']), 1)
    assert.equal(await count(['sms']), 1)
    assert.equal(await count(['email', 'sms']), 2)
  })
})

async function joinScheme(schemeId: number, residentId: number) {
  await db.table('scheme_members').insert({
    scheme_id: schemeId,
    resident_id: residentId,
    joined_at: sqlTime(),
  })
}

async function answerAboutYou(
  residentId: number,
  answers: { age_band?: string; sex?: string; ethnicity?: string; disability?: string }
) {
  await db
    .table('demographics')
    .insert({ resident_id: residentId, ...answers, updated_at: sqlTime() })
}

test.group('Audience query: schemes, languages, sources and answers about residents', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('each kind alone narrows the audience, and its choices are ORed', async ({ assert }) => {
    const { central } = await seedAreas()
    const opcc = await createOrganisation()
    const farm = await Scheme.create({ name: 'Fens Farm Watch', kind: 'farm_watch' })
    const horse = await Scheme.create({ name: 'Wolds Horse Watch', kind: 'horse_watch' })
    const farmer = await createResident(central, [opcc], { language: 'pl', source: 'doorstep' })
    const rider = await createResident(central, [opcc], { language: 'en', source: 'import' })
    const neither = await createResident(central, [opcc], { language: 'ro', source: 'web' })
    await joinScheme(farm.id, farmer.id)
    await joinScheme(horse.id, rider.id)
    await answerAboutYou(farmer.id, { age_band: '65_74', disability: 'yes' })
    await answerAboutYou(rider.id, { age_band: '65_74', disability: 'no' })
    await answerAboutYou(neither.id, { age_band: '25_34', disability: 'yes' })

    const count = (criteria: Partial<AudienceCriteria>) =>
      AudienceQuery.count({
        organisationId: opcc.id,
        priority: 3,
        criteria: { areaIds: [central.id], ...criteria },
      })
    assert.equal(await count({ schemeIds: [farm.id] }), 1)
    assert.equal(await count({ schemeIds: [farm.id, horse.id] }), 2)
    assert.equal(await count({ languages: ['pl'] }), 1)
    assert.equal(await count({ languages: ['pl', 'ro'] }), 2)
    assert.equal(await count({ sources: ['import'] }), 1)
    assert.equal(await count({ sources: ['import', 'web'] }), 2)
    assert.equal(await count({ demographics: { ageBands: ['65_74'] } }), 2)
    assert.equal(await count({ demographics: { ageBands: ['65_74', '25_34'] } }), 3)
    assert.equal(
      await count({ demographics: { ageBands: ['65_74'], disabilities: ['yes'] } }),
      1,
      'two questions about residents are both required'
    )
    assert.equal(await count({}), 3)
  })

  test('different kinds are ANDed, choices within a kind ORed', async ({ assert }) => {
    const { central, abbey } = await seedAreas()
    const opcc = await createOrganisation()
    const burglary = await Interest.create({ slug: 'burglary', name: 'Burglary', position: 1 })
    const watch = await Scheme.create({ name: 'High Street Watch', kind: 'neighbourhood_watch' })
    const match = await createResident(central, [opcc], { language: 'pl', source: 'doorstep' })
    const wrongLanguage = await createResident(central, [opcc], {
      language: 'en',
      source: 'doorstep',
    })
    const noScheme = await createResident(central, [opcc], { language: 'pl', source: 'doorstep' })
    const elsewhere = await createResident(abbey, [opcc], { language: 'pl', source: 'doorstep' })
    for (const resident of [match, wrongLanguage, noScheme, elsewhere]) {
      await resident.related('interests').attach([burglary.id])
    }
    for (const resident of [match, wrongLanguage, elsewhere])
      await joinScheme(watch.id, resident.id)

    const criteria: AudienceCriteria = {
      areaIds: [central.id],
      interestIds: [burglary.id],
      schemeIds: [watch.id],
      languages: ['pl', 'lt'],
      sources: ['doorstep'],
      channels: ['email'],
    }
    const query = AudienceQuery.build({ organisationId: opcc.id, priority: 3, criteria })
    const rows = await query.select('residents.id')
    assert.deepEqual(
      rows.map((row) => Number(row.id)),
      [match.id]
    )
  })
})

test.group('Audience query: a shape drawn on the map', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  // 1 km in degrees of latitude, and of longitude at 52°N.
  const KM_LAT = 1000 / 111_195
  const KM_LNG = 1000 / (111_195 * Math.cos((52.05 * Math.PI) / 180))

  test('a circle reaches residents whose point is within its radius, and nobody without a point', async ({
    assert,
  }) => {
    const { central, abbey } = await seedAreas()
    const opcc = await createOrganisation()
    const centre: [number, number] = [0.05, 52.05]
    const near = await createResident(abbey, [opcc], { lat: 52.05 + 0.5 * KM_LAT, lng: 0.05 })
    // Inside the circle's bounding box but 1.27 km from the centre.
    await createResident(abbey, [opcc], { lat: 52.05 + 0.9 * KM_LAT, lng: 0.05 + 0.9 * KM_LNG })
    await createResident(abbey, [opcc], { lat: 52.05, lng: 0.05 + 1.5 * KM_LNG })
    const pointless = await createResident(central, [opcc], { lat: null, lng: null })

    const ids = async (criteria: AudienceCriteria) => {
      const rows = await AudienceQuery.build({ organisationId: opcc.id, priority: 3, criteria })
        .select('residents.id')
        .orderBy('residents.id')
      return rows.map((row) => Number(row.id))
    }
    const circle = { type: 'circle' as const, center: centre, radiusMetres: 1000 }
    assert.deepEqual(await ids({ areaIds: [], shape: circle }), [near.id])
    assert.deepEqual(
      await ids({ areaIds: [central.id], shape: circle }),
      [near.id, pointless.id],
      'areas and the drawn shape are ORed; a resident without a point is found by area only'
    )
    assert.lengthOf(await ids({ areaIds: [], shape: { ...circle, radiusMetres: 1400 } }), 2)
    assert.lengthOf(await ids({ areaIds: [], shape: { ...circle, radiusMetres: 1600 } }), 3)
    assert.deepEqual(await ids({ areaIds: [] }), [], 'no area and no shape means nobody')
  })

  test('a polygon reaches residents inside it by ray casting, even where it is concave', async ({
    assert,
  }) => {
    const { central, abbey } = await seedAreas()
    const opcc = await createOrganisation()
    // A "U": two arms joined at the bottom, with a notch between them.
    const shape = {
      type: 'polygon' as const,
      coordinates: [
        [0, 52],
        [0.3, 52],
        [0.3, 52.3],
        [0.2, 52.3],
        [0.2, 52.1],
        [0.1, 52.1],
        [0.1, 52.3],
        [0, 52.3],
      ] as [number, number][],
    }
    const leftArm = await createResident(abbey, [opcc], { lat: 52.2, lng: 0.05 })
    const rightArm = await createResident(abbey, [opcc], { lat: 52.2, lng: 0.25 })
    const bottom = await createResident(abbey, [opcc], { lat: 52.05, lng: 0.15 })
    await createResident(abbey, [opcc], { lat: 52.2, lng: 0.15 })
    await createResident(abbey, [opcc], { lat: 52.2, lng: 0.5 })
    await createResident(abbey, [opcc], { lat: 51.9, lng: 0.05 })
    await createResident(central, [opcc], { lat: null, lng: null })
    const withdrawn = await createResident(abbey, [opcc], { lat: 52.2, lng: 0.06 })
    await db.from('consents').where('resident_id', withdrawn.id).update({ withdrawn_at: sqlTime() })
    await createResident(abbey, [opcc], { lat: 52.2, lng: 0.07, status: 'unsubscribed' })
    await createResident(abbey, [opcc], { lat: 52.2, lng: 0.08, priorityThreshold: 5 })

    const rows = await AudienceQuery.build({
      organisationId: opcc.id,
      priority: 3,
      criteria: { areaIds: [], shape },
    })
      .select('residents.id')
      .orderBy('residents.id')
    assert.deepEqual(
      rows.map((row) => Number(row.id)),
      [leftArm.id, rightArm.id, bottom.id]
    )
    // The same ring closed (first corner repeated) gives the same answer.
    const closed = { ...shape, coordinates: [...shape.coordinates, shape.coordinates[0]] }
    assert.equal(
      await AudienceQuery.count({
        organisationId: opcc.id,
        priority: 3,
        criteria: { areaIds: [], shape: closed },
      }),
      3
    )
  })
})

test.group('Audience query: count by channel', (group) => {
  group.setup(() => registerContactChannels())
  group.each.setup(() => emptyTablesAfterwards())

  test('one query gives the total and how many each channel reaches, honouring consent, priority and stop-all', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const opcc = await createOrganisation()
    const fire = await createOrganisation('Fire')
    await createResident(central, [opcc])
    await createResident(central, [opcc], { phone: '+447700900001' })
    await createResident(central, [opcc], { email: null, phone: '+447700900002' })
    await createResident(central, [opcc], { email: null, landline: '+441522000001' })
    const smsOff = await createResident(central, [opcc], { phone: '+447700900003' })
    await db.table('channel_preferences').insert({
      resident_id: smsOff.id,
      channel: 'sms',
      enabled: false,
      emergency_override: true,
      updated_at: sqlTime(),
    })
    // Left out: another organisation only, stopped everything, a higher lowest priority.
    await createResident(central, [fire], { phone: '+447700900004' })
    await createResident(central, [opcc], { status: 'unsubscribed', phone: '+447700900005' })
    await createResident(central, [opcc], { priorityThreshold: 4, phone: '+447700900006' })

    const counts = await AudienceQuery.countByChannel(
      { organisationId: opcc.id, priority: 3, criteria: { areaIds: [central.id] } },
      ['email', 'sms', 'voice']
    )
    assert.deepEqual(counts, { total: 5, byChannel: { email: 3, sms: 2, voice: 4 } })

    const byDefault = await AudienceQuery.countByChannel({
      organisationId: opcc.id,
      priority: 3,
      criteria: { areaIds: [central.id] },
    })
    assert.deepEqual(byDefault, { total: 5, byChannel: { email: 3 } }, 'the registered channels')

    const nobody = await AudienceQuery.countByChannel(
      { organisationId: opcc.id, priority: 3, criteria: { areaIds: [] } },
      ['email', 'sms']
    )
    assert.deepEqual(nobody, { total: 0, byChannel: { email: 0, sms: 0 } })
  })
})

test.group('Audience count in words', () => {
  test('one channel reads as a single sentence; several list each channel', ({ assert }) => {
    assert.equal(
      describeAudience({ total: 2, byChannel: { email: 2 } }),
      'This alert would reach 2 residents by email.'
    )
    assert.equal(
      describeAudience({ total: 1, byChannel: { email: 1 } }),
      'This alert would reach 1 resident by email.'
    )
    assert.equal(
      // Channels no plugin registers (an installed plugin's channel reads by its label).
      describeAudience({ total: 4, byChannel: { email: 3, fax: 2, telex: 1 } }),
      'This alert would reach 4 residents: 3 by email, 2 by fax and 1 by telex.'
    )
    assert.equal(
      describeAudience({ total: 0, byChannel: { email: 0 } }),
      'No confirmed resident matches this target yet.'
    )
    assert.include(describeAudience(null), 'Choose at least one area, or draw one on the map')
  })
})
