import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import AudienceQuery from '#services/audience_query'
import Interest from '#models/interest'
import { sqlTime } from '#services/sql_time'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'

test.group('Audience query', (group) => {
  group.each.setup(() => testUtils.db().truncate())

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
    await db
      .from('consents')
      .where('subscriber_id', withdrawn.id)
      .update({ withdrawn_at: sqlTime() })

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
  group.each.setup(() => testUtils.db().truncate())

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
    await db.from('subscribers').where('id', bounced.id).update({ email_bounced_at: sqlTime() })
    const quiet = await createResident(central, [opcc])
    await db.table('channel_preferences').insert({
      subscriber_id: quiet.id,
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
