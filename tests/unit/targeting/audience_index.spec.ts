import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import AudienceIndex from '#services/targeting/audience_index'
import AudienceCount from '#services/targeting/audience_count'
import AudienceQuery, {
  type AudienceCriteria,
  type AudienceScope,
  type DemographicCriteria,
} from '#services/targeting/audience_query'
import RedisLock from '#services/platform/infrastructure/redis_lock'
import Unsubscription from '#services/residents/self_service/unsubscription'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import Interest from '#models/residents/interest'
import Scheme from '#models/residents/scheme'
import Resident from '#models/residents/resident'
import type Area from '#models/areas/area'
import type Organisation from '#models/platform/organisation'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { startUpkeep, stopUpkeep } from '#jobs/queue_workers'
import { createOrganisation, createResident, seedAreas, uniqueEmail } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { registerContactChannels } from '#tests/helpers/contact_channels'
import ResidentContacts from '#services/residents/contacts/resident_contacts'

// sms, voice and pigeon are registered with the contact they need (pigeon's is a plugin-defined
// kind kept in resident_contacts); "push" stands for a channel no plugin registers any more:
// nothing is known of its contact, only the resident's switch counts.
const CHANNELS = ['email', 'sms', 'voice', 'pigeon', 'push']
const LANGUAGES = ['en', 'pl', 'ro']
const SOURCES = ['web', 'doorstep', 'import']
const AGE_BANDS = ['16_24', '25_34', '65_74']
const DISABILITIES = ['yes', 'no']

/** The same numbers every run: a failure can be replayed. */
function seededRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Random = () => number
const pick = <T>(random: Random, items: T[]) => items[Math.floor(random() * items.length)]
const someOf = <T>(random: Random, items: T[]) => items.filter(() => random() < 0.4)

interface World {
  areas: Area[]
  wards: Area[]
  organisations: Organisation[]
  interests: Interest[]
  schemes: Scheme[]
  residents: Resident[]
}

/**
 * Residents with every kind of fact targeting reads, chosen at random:
 * statuses, thresholds, contacts (some bounced), switched-off channels,
 * consents (some withdrawn), interests, schemes, languages, sources and
 * answers about themselves.
 */
async function seedWorld(random: Random, count: number): Promise<World> {
  const { boston, lincoln, central, skirbeck, abbey } = await seedAreas()
  const wards = [central, skirbeck, abbey]
  const organisations = [await createOrganisation('OPCC'), await createOrganisation('Fire')]
  const interests = await Promise.all(
    ['burglary', 'fraud', 'roads'].map((slug, position) =>
      Interest.create({ slug, name: slug, position })
    )
  )
  const schemes = await Promise.all(
    ['Skirbeck Watch', 'Abbey Farm Watch'].map((name) =>
      Scheme.create({ name, kind: 'neighbourhood_watch' })
    )
  )

  const residents: Resident[] = []
  for (let index = 0; index < count; index++) {
    const hasEmail = random() < 0.85
    const resident = await createResident(pick(random, wards), someOf(random, organisations), {
      status: pick(random, ['active', 'active', 'active', 'active', 'pending', 'unsubscribed']),
      email: hasEmail ? uniqueEmail() : null,
      phone: random() < 0.4 || !hasEmail ? `+4477009${String(10_000 + index)}` : null,
      landline: random() < 0.2 ? '+441522000000' : null,
      language: pick(random, LANGUAGES),
      source: pick(random, SOURCES),
      priorityThreshold: 1 + Math.floor(random() * 4),
    })
    if (random() < 0.1) {
      await db.from('residents').where('id', resident.id).update({ email_bounced_at: sqlTime() })
    }
    if (random() < 0.15) {
      await db
        .from('consents')
        .where('resident_id', resident.id)
        .update({ withdrawn_at: sqlTime() })
    }
    const chosen = someOf(random, interests)
    if (chosen.length) await resident.related('interests').attach(chosen.map((item) => item.id))
    for (const scheme of someOf(random, schemes)) {
      await db
        .table('scheme_members')
        .insert({ scheme_id: scheme.id, resident_id: resident.id, joined_at: sqlTime() })
    }
    for (const channel of CHANNELS) {
      if (random() < 0.15) await switchChannel(resident.id, channel, false)
    }
    // Some residents have a loft or two, some of them no longer used.
    const lofts = random() < 0.4 ? 1 + Math.floor(random() * 2) : 0
    for (let loft = 0; loft < lofts; loft++) {
      const contact = await ResidentContacts.add({
        residentId: resident.id,
        kind: 'pigeon_loft',
        value: `loft-${resident.id}-${loft}`,
      })
      if (random() < 0.3) await ResidentContacts.markInvalid(contact.id)
    }
    if (random() < 0.6) {
      await db.table('demographics').insert({
        resident_id: resident.id,
        age_band: random() < 0.9 ? pick(random, AGE_BANDS) : null,
        disability: random() < 0.7 ? pick(random, DISABILITIES) : null,
        updated_at: sqlTime(),
      })
    }
    residents.push(resident)
  }
  return { areas: [boston, lincoln, ...wards], wards, organisations, interests, schemes, residents }
}

async function switchChannel(residentId: number, channel: string, enabled: boolean) {
  await db
    .table('channel_preferences')
    .insert({
      resident_id: residentId,
      channel,
      enabled,
      emergency_override: true,
      updated_at: sqlTime(),
    })
    .onConflict(['resident_id', 'channel'])
    .merge(['enabled'])
}

function randomScope(random: Random, world: World): AudienceScope {
  const criteria: AudienceCriteria = {
    areaIds: random() < 0.05 ? [] : someOf(random, world.areas).map((area) => area.id),
  }
  if (criteria.areaIds.length === 0 && random() < 0.9) criteria.areaIds = [world.areas[0].id]
  if (random() < 0.5) criteria.interestIds = someOf(random, world.interests).map((item) => item.id)
  if (random() < 0.3) criteria.schemeIds = someOf(random, world.schemes).map((item) => item.id)
  if (random() < 0.5) criteria.channels = someOf(random, CHANNELS)
  if (random() < 0.3) criteria.languages = someOf(random, LANGUAGES)
  if (random() < 0.3) criteria.sources = someOf(random, SOURCES)
  if (random() < 0.3) {
    const demographics: DemographicCriteria = {}
    if (random() < 0.7) demographics.ageBands = someOf(random, AGE_BANDS)
    if (random() < 0.5) demographics.disabilities = someOf(random, DISABILITIES)
    criteria.demographics = demographics
  }
  return {
    organisationId: pick(random, world.organisations).id,
    priority: 1 + Math.floor(random() * 4),
    criteria,
  }
}

/** The index must answer, and answer exactly what SQL answers. */
async function assertAgrees(assert: Assert, scope: AudienceScope) {
  const fromIndex = await AudienceIndex.countByChannel(scope, CHANNELS)
  const fromSql = await AudienceQuery.countByChannel(scope, CHANNELS)
  assert.isNotNull(fromIndex, `the index answered ${JSON.stringify(scope)}`)
  assert.deepEqual(fromIndex, fromSql, JSON.stringify(scope))
}

/**
 * The embedded worker's upkeep would maintain the index on its own timer,
 * in the middle of a test that watches the change log: it waits meanwhile.
 */
function isolateFromUpkeep(group: { setup: Function; each: { setup: Function } }) {
  group.setup(() => {
    stopUpkeep()
    const unregister = registerContactChannels()
    return () => {
      unregister()
      startUpkeep()
    }
  })
  group.each.setup(async () => {
    const truncate = await emptyTablesAfterwards()
    await AudienceIndex.forget()
    return truncate
  })
}

async function pendingChanges() {
  const row = await db.from('audience_changes').count('* as total').first()
  return Number(row?.total ?? 0)
}

test.group('Audience index: counts', (group) => {
  isolateFromUpkeep(group)

  test('agrees with SQL on every kind of criterion, for 120 random targets', async ({ assert }) => {
    const random = seededRandom(2026_12_03)
    const world = await seedWorld(random, 120)
    let reached = 0
    for (let round = 0; round < 120; round++) {
      const scope = randomScope(random, world)
      await assertAgrees(assert, scope)
      reached += (await AudienceQuery.count(scope)) > 0 ? 1 : 0
    }
    assert.isAbove(reached, 40, 'most random targets reach somebody, so agreement means something')
  })

  test('a rebuild written in many pages of ids, the first not on a byte boundary, agrees with SQL', async ({
    assert,
    cleanup,
  }) => {
    const page = AudienceIndex.tuning.rebuildPage
    AudienceIndex.tuning.rebuildPage = 16
    cleanup(() => {
      AudienceIndex.tuning.rebuildPage = page
    })
    const random = seededRandom(16)
    const world = await seedWorld(random, 70)
    // The register must start at an id that is not a multiple of 8.
    const first = world.residents.findIndex((resident, index) => index > 0 && resident.id % 8 !== 0)
    const removed = world.residents.slice(0, first).map((resident) => resident.id)
    await db.from('residents').whereIn('id', removed).delete()
    const lowest = await db.from('residents').min('id as id').first()
    assert.notEqual(Number(lowest?.id) % 8, 0)
    const scopes = Array.from({ length: 30 }, () => randomScope(random, world))
    for (const scope of scopes) await assertAgrees(assert, scope)

    // Changes are then set bit by bit at each resident's own id: they must land on the rebuilt bits.
    await db.from('residents').where('id', '>', Number(lowest?.id)).update({ language: 'pl' })
    for (const scope of scopes) await assertAgrees(assert, scope)
  })

  test('whatever the priority or area (a report of reach), agrees with SQL', async ({ assert }) => {
    const random = seededRandom(2026_12_07)
    const world = await seedWorld(random, 60)
    // Some residents live in no known area: only a count of any area includes them.
    await db.from('resident_areas').where('resident_id', world.residents[0].id).delete()
    await db.from('resident_areas').where('resident_id', world.residents[1].id).delete()
    for (let round = 0; round < 20; round++) {
      await assertAgrees(assert, { ...randomScope(random, world), anyPriorityOrArea: true })
    }
    for (const organisation of world.organisations) {
      const everyone = { organisationId: organisation.id, priority: 0, criteria: { areaIds: [] } }
      const counted = await AudienceIndex.countByChannel(
        { ...everyone, anyPriorityOrArea: true },
        CHANNELS
      )
      const consenting = await db
        .from('residents')
        .join('consents', 'consents.resident_id', 'residents.id')
        .where('consents.organisation_id', organisation.id)
        .whereNull('consents.withdrawn_at')
        .where('residents.status', 'active')
        .count('* as total')
        .first()
      assert.equal(counted?.total, Number(consenting?.total))
      assert.equal((await AudienceIndex.countByChannel(everyone, CHANNELS))?.total, 0)
    }
  })

  test('counts the same numbers a sender reads on the page', async ({ assert }) => {
    const { boston, central, abbey } = await seedAreas()
    const opcc = await createOrganisation()
    await createResident(central, [opcc])
    await createResident(central, [opcc], { email: null, phone: '+447700900001' })
    await createResident(abbey, [opcc])
    await createResident(central, [opcc], { status: 'unsubscribed' })
    await createResident(central, [opcc], { priorityThreshold: 4 })

    const counts = await AudienceIndex.countByChannel(
      { organisationId: opcc.id, priority: 3, criteria: { areaIds: [boston.id] } },
      ['email', 'sms']
    )
    assert.deepEqual(counts, { total: 2, byChannel: { email: 1, sms: 1 } })
  })

  test('leaves a drawn shape to SQL, which still answers through AudienceCount', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const opcc = await createOrganisation()
    await createResident(central, [opcc], { lat: 52.05, lng: 0.05 })
    const scope: AudienceScope = {
      organisationId: opcc.id,
      priority: 3,
      criteria: {
        areaIds: [],
        shape: { type: 'circle', center: [0.05, 52.05], radiusMetres: 1000 },
      },
    }
    assert.isNull(await AudienceIndex.countByChannel(scope, ['email']))
    assert.deepEqual(await AudienceCount.byChannel(scope, ['email']), {
      total: 1,
      byChannel: { email: 1 },
    })
  })
})

test.group('Audience index: keeping up with changes', (group) => {
  isolateFromUpkeep(group)

  test('every kind of change is counted at once, whichever way it was written', async ({
    assert,
  }) => {
    const random = seededRandom(41)
    const world = await seedWorld(random, 40)
    const scopes = Array.from({ length: 25 }, () => randomScope(random, world))
    const checkAll = async () => {
      for (const scope of scopes) await assertAgrees(assert, scope)
    }
    await checkAll()
    assert.equal(await pendingChanges(), 0, 'building the index took in every change')

    const [first, second, third, fourth, fifth] = world.residents
    // Through the services residents and staff use.
    await Unsubscription.unsubscribe(await Resident.findOrFail(first.id))
    await checkAll()
    await Unsubscription.resume(await Resident.findOrFail(first.id))
    await ResidentErasure.erase(second.id)
    await checkAll()

    // Written directly: a bounce, a withdrawn consent, a switched-off channel, a move, new answers.
    await db.from('residents').where('id', third.id).update({ email_bounced_at: sqlTime() })
    await db.from('consents').where('resident_id', fourth.id).update({ withdrawn_at: sqlTime() })
    await switchChannel(fifth.id, 'sms', false)
    await switchChannel(third.id, 'push', false)
    await db.from('resident_areas').where('resident_id', fourth.id).delete()
    await fourth.related('areas').attach([world.wards[2].id, world.wards[2].parentId!])
    await db.from('demographics').where('resident_id', fifth.id).delete()
    await db.table('demographics').insert({
      resident_id: fifth.id,
      age_band: '65_74',
      updated_at: sqlTime(),
    })
    await db.from('residents').where('id', fifth.id).update({ priority_threshold: 4 })
    await checkAll()

    // A resident's plugin-defined contacts: added, stopped working, working again, removed; a dead number.
    const loft = await ResidentContacts.add({
      residentId: third.id,
      kind: 'pigeon_loft',
      value: 'x',
    })
    await checkAll()
    await ResidentContacts.markInvalid(loft.id)
    await checkAll()
    await ResidentContacts.add({ residentId: third.id, kind: 'pigeon_loft', value: 'x' })
    await db.table('resident_contacts').insert({
      resident_id: fourth.id,
      kind: 'pigeon_loft',
      value: 'written by hand',
      encrypted: false,
      value_hash: 'by-hand',
      created_at: sqlTime(),
    })
    await checkAll()
    await db.from('resident_contacts').where('resident_id', fourth.id).delete()
    await db.from('residents').whereNotNull('phone').update({ phone_invalid_at: sqlTime() })
    await checkAll()

    // Cascades: an interest and a scheme removed by staff take their members with them.
    await world.interests[0].delete()
    await world.schemes[1].delete()
    await checkAll()

    // A newcomer, and a resident removed outright.
    await createResident(world.wards[0], world.organisations, { language: 'pl' })
    await db.from('residents').where('id', world.residents[6].id).delete()
    await checkAll()
    assert.equal(await pendingChanges(), 0)
  })

  test('a resident who stops alerts leaves the count at once', async ({ assert }) => {
    const { central } = await seedAreas()
    const opcc = await createOrganisation()
    const resident = await createResident(central, [opcc])
    await createResident(central, [opcc])
    const scope = { organisationId: opcc.id, priority: 1, criteria: { areaIds: [central.id] } }

    assert.equal((await AudienceIndex.countByChannel(scope, []))?.total, 2)
    await Unsubscription.unsubscribe(resident)
    assert.equal((await AudienceIndex.countByChannel(scope, []))?.total, 1)
  })

  test('many changes at once are applied with masks and agree with SQL', async ({
    assert,
    cleanup,
  }) => {
    const random = seededRandom(7)
    const world = await seedWorld(random, 60)
    const scopes = Array.from({ length: 25 }, () => randomScope(random, world))
    for (const scope of scopes) await assertAgrees(assert, scope)

    const limit = AudienceIndex.tuning.directWritesLimit
    AudienceIndex.tuning.directWritesLimit = 0
    cleanup(() => {
      AudienceIndex.tuning.directWritesLimit = limit
    })
    await db.from('residents').where('language', 'en').update({ language: 'ro' })
    await db.from('residents').where('priority_threshold', 4).update({ priority_threshold: 2 })
    await db.from('resident_interests').where('interest_id', world.interests[1].id).delete()
    await db
      .from('residents')
      .whereIn(
        'id',
        world.residents.slice(0, 20).map((resident) => resident.id)
      )
      .update({ status: 'unsubscribed' })
    assert.isAbove(await pendingChanges(), 20)
    for (const scope of scopes) await assertAgrees(assert, scope)
    assert.equal(await pendingChanges(), 0)
  })

  test('a long backlog of changes is taken in by a rebuild', async ({ assert, cleanup }) => {
    const random = seededRandom(99)
    const world = await seedWorld(random, 30)
    const scope = randomScope(random, world)
    await assertAgrees(assert, scope)

    const backlog = config.get<number>('beacon.audience.changesBeforeRebuild')
    config.set('beacon.audience.changesBeforeRebuild', 5)
    cleanup(() => config.set('beacon.audience.changesBeforeRebuild', backlog))
    const before = await db.from('audience_index').select('generation').first()
    await db.from('residents').update({ source: 'import' })
    assert.isAbove(await pendingChanges(), 5)

    await assertAgrees(assert, { ...scope, criteria: { ...scope.criteria, sources: ['import'] } })
    const after = await db.from('audience_index').select('generation').first()
    assert.notEqual(after?.generation, before?.generation, 'the bitmaps were built again')
    assert.equal(await pendingChanges(), 0)
  })
})

test.group('Audience index: losing and sharing it', (group) => {
  isolateFromUpkeep(group)

  async function oneResidentWorld() {
    const { central } = await seedAreas()
    const opcc = await createOrganisation()
    await createResident(central, [opcc])
    const scope = { organisationId: opcc.id, priority: 1, criteria: { areaIds: [central.id] } }
    return { scope, central, opcc }
  }

  test('rebuilds itself when Redis lost the bitmaps', async ({ assert }) => {
    const { scope } = await oneResidentWorld()
    assert.equal((await AudienceIndex.countByChannel(scope, []))?.total, 1)
    const current = await db.from('audience_index').select('generation').first()
    const keys = await redis.keys(`*:audience:${current!.generation}:*`)
    assert.isAbove(keys.length, 0)
    await redis.del(...keys, ...(await redis.keys('*:audience:current')))

    assert.equal((await AudienceIndex.countByChannel(scope, []))?.total, 1)
  })

  test('does not trust bitmaps built for another state of the database (a restored backup)', async ({
    assert,
  }) => {
    const { scope, central, opcc } = await oneResidentWorld()
    assert.equal((await AudienceIndex.countByChannel(scope, []))?.total, 1)
    // The restored database holds a resident the bitmaps never heard of, and an older generation.
    await createResident(central, [opcc])
    await db.from('audience_changes').delete()
    await db.from('audience_index').update({ generation: 'from-a-backup' })

    assert.equal((await AudienceIndex.countByChannel(scope, []))?.total, 2)
  })

  test('above the size a count may build it for, SQL answers until a worker has built it', async ({
    assert,
    cleanup,
  }) => {
    const { scope } = await oneResidentWorld()
    const limit = config.get<number>('beacon.audience.buildOnRequestUpTo')
    config.set('beacon.audience.buildOnRequestUpTo', 0)
    cleanup(() => config.set('beacon.audience.buildOnRequestUpTo', limit))

    assert.isNull(await AudienceIndex.countByChannel(scope, []))
    assert.equal(await AudienceCount.total(scope), 1, 'SQL answered')
    await AudienceIndex.maintain()
    assert.equal((await AudienceIndex.countByChannel(scope, []))?.total, 1)
  })

  test('while another process holds the index, SQL answers with the latest change', async ({
    assert,
    cleanup,
  }) => {
    const { scope } = await oneResidentWorld()
    assert.equal((await AudienceIndex.countByChannel(scope, []))?.total, 1)

    const wait = AudienceIndex.tuning.lockWaitMs
    AudienceIndex.tuning.lockWaitMs = 0
    const lock = await RedisLock.acquire(AudienceIndex.lockKey, { ttlMs: 60_000 })
    cleanup(async () => {
      AudienceIndex.tuning.lockWaitMs = wait
      await lock?.release()
    })
    assert.isNotNull(lock)
    await Unsubscription.unsubscribe(await Resident.firstOrFail())

    assert.isNull(await AudienceIndex.countByChannel(scope, []))
    assert.equal(await AudienceCount.total(scope), 0)
    await lock!.release()
    assert.equal((await AudienceIndex.countByChannel(scope, []))?.total, 0)
  })

  test('a worker keeps the change log short without any count asking', async ({ assert }) => {
    const { scope } = await oneResidentWorld()
    await AudienceIndex.maintain()
    assert.equal(await pendingChanges(), 0)
    await Unsubscription.unsubscribe(await Resident.firstOrFail())
    assert.equal(await pendingChanges(), 1)
    await AudienceIndex.maintain()
    assert.equal(await pendingChanges(), 0)
    assert.equal((await AudienceIndex.countByChannel(scope, []))?.total, 0)
  })
})
