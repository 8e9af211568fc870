/*
| Audience benchmark: how long does counting a targeted audience take with a
| million residents? That count is what a sender sees while composing.
|
|   npm run bench:audience -- --residents 1000000 [--db sqlite|pg] [--runs 5] [--explain]
|
| Data: BENCH_PG_DB (default beacon_bench_audience), BENCH_SQLITE_FILE
| (tmp/bench-audience.sqlite3), BENCH_QUEUE_PREFIX; all removed at the end
| unless --keep (or --reuse, which needs them).
|
| See docs/performance.md for what it measures and the figures.
*/
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { ApplicationService } from '@adonisjs/core/types'
import {
  analyze,
  bootApp,
  databaseKind,
  databaseVersion,
  freshSchema,
  importLincolnshireAreas,
  insertRows,
  loadAverage,
  log,
  megabytes,
  positiveInteger,
  printTable,
  procStatusKb,
  benchNames,
  cleanUpOnSignal,
  removeBenchData,
  removeSqliteFile,
  reportLeftovers,
  resetSequence,
  seconds,
  seededRandom,
  setBenchEnvironment,
  SqliteSeeder,
  whole,
  type DatabaseKind,
  type ImportedAreas,
} from './support.ts'

type Row = Record<string, unknown>

const { values: flags } = parseArgs({
  options: {
    residents: { type: 'string', short: 'n' },
    db: { type: 'string' },
    runs: { type: 'string' },
    explain: { type: 'boolean', default: false },
    // Keeps the residents of the previous run (same --db) and only times the count.
    reuse: { type: 'boolean', default: false },
    // PostgreSQL only: VACUUM ANALYZE (as autovacuum would, in time) instead of ANALYZE.
    vacuum: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    // Residents changed by the "after change" step (half move away, half withdraw consent).
    changes: { type: 'string' },
  },
})

const NAMES = benchNames({
  pgDatabase: 'beacon_bench_audience',
  sqliteFile: 'tmp/bench-audience.sqlite3',
})

const RESIDENTS = positiveInteger('residents', flags.residents, 1_000_000)
const DB: DatabaseKind = databaseKind(flags.db)
const RUNS = positiveInteger('runs', flags.runs, 5)
const CHANGES = positiveInteger('changes', flags.changes, 1000)
// The alert's priority: residents whose threshold is above it (4 and 5 of 1–5) are left out.
const PRIORITY = 3
// Residents generated and written together; nothing larger is ever held in memory.
const SEED_BATCH = 5000

const INTERESTS = [
  ['rural-crime', 'Rural crime'],
  ['burglary', 'Burglary'],
  ['fraud-and-scams', 'Fraud and scams'],
  ['road-safety', 'Road safety'],
  ['flooding', 'Flooding'],
  ['missing-people', 'Missing people'],
  ['anti-social-behaviour', 'Anti-social behaviour'],
  ['events', 'Events and engagement'],
]

interface Target {
  districts: { id: number; name: string }[]
  interests: { id: number; name: string }[]
}

/**
 * The audience timed: 3 districts, 2 interests, reachable by email, priority 3 (and, through
 * the query, active residents consenting to the organisation).
 */
function scopeOf(organisationId: number, target: Target) {
  return {
    organisationId,
    priority: PRIORITY,
    criteria: {
      areaIds: target.districts.map((district) => district.id),
      interestIds: target.interests.map((interest) => interest.id),
      channels: ['email'],
    },
  }
}

/**
 * M residents over the Lincolnshire wards: 1–3 of 8 interests, ~90% with an
 * email (~3% of them bounced), ~40% with a phone, priority thresholds spread
 * 1–5, ~95% active, ~85% consenting to the organisation (~3% more withdrew,
 * the rest consent to another organisation only), ~5% with email turned off
 * (and ~5% with quiet hours, ~2% with SMS off). Every criterion leaves
 * residents out. Returns how many of them the timed audience should count,
 * worked out while generating them.
 */
async function seedResidents(
  areas: ImportedAreas,
  organisationId: number,
  otherOrganisationId: number,
  interestIds: number[],
  target: Target
) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { sqlTime } = await import('#services/platform/infrastructure/sql_time')
  const random = seededRandom(20_240_601)
  const now = sqlTime()
  const targetDistricts = new Set(target.districts.map((district) => district.id))
  const targetInterests = new Set(target.interests.map((interest) => interest.id))
  let expected = 0
  // SQLite: statements prepared once (SqliteSeeder), or the seeding alone would take 2.7 GB at 1M.
  const seeder = DB === 'sqlite' ? await SqliteSeeder.open(NAMES.sqliteFile) : null

  for (let first = 1; first <= RESIDENTS; first += SEED_BATCH) {
    const last = Math.min(RESIDENTS, first + SEED_BATCH - 1)
    const residents: Row[] = []
    const residentAreas: Row[] = []
    const consents: Row[] = []
    const residentInterests: Row[] = []
    const preferences: Row[] = []
    for (let id = first; id <= last; id++) {
      const ward = areas.wards[Math.floor(random() * areas.wards.length)]
      const hasEmail = random() < 0.9
      const bounced = hasEmail && random() < 0.03
      const hasPhone = random() < 0.4
      const threshold = 1 + Math.floor(random() * 5)
      const consent = random()
      const consentKind = consent < 0.85 ? 'granted' : consent < 0.88 ? 'withdrawn' : 'other'
      const roll = random()
      const status = roll < 0.95 ? 'active' : roll < 0.98 ? 'pending' : 'unsubscribed'
      residents.push({
        id,
        email: hasEmail ? `resident-${id}@bench.example` : null,
        phone: hasPhone ? `+447${String(id).padStart(9, '0')}` : null,
        name: `Resident ${id}`,
        language: 'en',
        priority_threshold: threshold,
        status,
        source: 'import',
        email_verified_at: hasEmail && status !== 'pending' ? now : null,
        email_bounced_at: bounced ? now : null,
        confirmed_at: status === 'pending' ? null : now,
        unsubscribed_at: status === 'unsubscribed' ? now : null,
        created_at: now,
        updated_at: now,
      })
      residentAreas.push(
        { resident_id: id, area_id: ward.id },
        { resident_id: id, area_id: ward.parentId }
      )
      consents.push({
        resident_id: id,
        organisation_id: consentKind === 'other' ? otherOrganisationId : organisationId,
        granted_at: now,
        withdrawn_at: consentKind === 'withdrawn' ? now : null,
      })

      const wanted = 1 + Math.floor(random() * 3)
      const chosen = new Set<number>()
      while (chosen.size < wanted)
        chosen.add(interestIds[Math.floor(random() * interestIds.length)])
      for (const interestId of chosen) {
        residentInterests.push({ resident_id: id, interest_id: interestId })
      }

      const preference = random()
      const emailOff = hasEmail && preference < 0.05
      if (emailOff) {
        preferences.push(preferenceRow(id, 'email', false, null, null, now))
      } else if (hasEmail && preference < 0.1) {
        preferences.push(preferenceRow(id, 'email', true, '22:00', '07:00', now))
      }
      if (hasPhone && random() < 0.05) {
        preferences.push(preferenceRow(id, 'sms', false, null, null, now))
      }

      if (
        status === 'active' &&
        threshold <= PRIORITY &&
        consentKind === 'granted' &&
        !bounced &&
        targetDistricts.has(ward.parentId) &&
        [...chosen].some((interestId) => targetInterests.has(interestId)) &&
        hasEmail &&
        !emailOff
      ) {
        expected++
      }
    }
    if (seeder) {
      seeder.batch(() => {
        seeder.insert('residents', residents)
        seeder.insert('resident_areas', residentAreas)
        seeder.insert('consents', consents)
        seeder.insert('resident_interests', residentInterests)
        seeder.insert('channel_preferences', preferences)
      })
    } else {
      await db.transaction(async (trx) => {
        await insertRows(trx, 'residents', residents)
        await insertRows(trx, 'resident_areas', residentAreas)
        await insertRows(trx, 'consents', consents)
        await insertRows(trx, 'resident_interests', residentInterests)
        await insertRows(trx, 'channel_preferences', preferences)
      })
    }
    if (last % 100_000 === 0 || last === RESIDENTS) {
      const memory = process.memoryUsage()
      log(
        `seeded ${whole(last)} residents (JS heap ${megabytes(memory.heapUsed / 1024)}, RSS ${megabytes(memory.rss / 1024)})`
      )
    }
  }
  seeder?.close()
  await resetSequence(DB, 'residents')
  return expected
}

function preferenceRow(
  residentId: number,
  channel: string,
  enabled: boolean,
  quietFrom: string | null,
  quietTo: string | null,
  now: string
) {
  return {
    resident_id: residentId,
    channel,
    enabled,
    quiet_from: quietFrom,
    quiet_to: quietTo,
    emergency_override: true,
    updated_at: now,
  }
}

async function seed() {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { sqlTime } = await import('#services/platform/infrastructure/sql_time')
  const { default: Organisation } = await import('#models/platform/organisation')

  await freshSchema(DB)
  const started = performance.now()
  const areas = await importLincolnshireAreas()
  const organisation = await Organisation.create({
    name: 'Lincolnshire OPCC',
    slug: 'lincolnshire-opcc',
  })
  const other = await Organisation.create({ name: 'Another council', slug: 'another-council' })
  const now = sqlTime()
  await insertRows(
    db.connection(),
    'interests',
    INTERESTS.map(([slug, name], index) => ({
      id: index + 1,
      slug,
      name,
      position: index,
      created_at: now,
      updated_at: now,
    }))
  )
  await resetSequence(DB, 'interests')
  const interestIds = INTERESTS.map((_, index) => index + 1)
  const target = {
    districts: areas.districts.slice(0, 3),
    interests: INTERESTS.slice(0, 2).map(([, name], index) => ({ id: index + 1, name })),
  }
  const expected = await seedResidents(areas, organisation.id, other.id, interestIds, target)
  const seedMs = performance.now() - started

  const analyzeStarted = performance.now()
  if (DB === 'pg' && flags.vacuum) {
    await db.rawQuery('VACUUM ANALYZE')
  } else {
    await analyze()
  }
  const analyzeMs = performance.now() - analyzeStarted
  return { organisationId: organisation.id, target, areas, expected, seedMs, analyzeMs }
}

/** The audience of a previous run, read back from the database. */
async function reuse() {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const organisation = await db.from('organisations').orderBy('id').first()
  const areas = await importedAreas()
  const districts = await db
    .from('areas')
    .where('level', 'district')
    .orderBy('id')
    .limit(3)
    .select('id', 'name')
  const interests = await db.from('interests').orderBy('id').limit(2).select('id', 'name')
  if (!organisation || districts.length < 3 || interests.length < 2) {
    throw new Error('--reuse needs the residents of an earlier run of this benchmark (same --db)')
  }
  const analyzeStarted = performance.now()
  if (DB === 'pg' && flags.vacuum) {
    await db.rawQuery('VACUUM ANALYZE')
  } else {
    await analyze()
  }
  return {
    organisationId: Number(organisation.id),
    target: {
      districts: districts.map((row) => ({ id: Number(row.id), name: row.name as string })),
      interests: interests.map((row) => ({ id: Number(row.id), name: row.name as string })),
    },
    areas,
    expected: null,
    seedMs: null,
    analyzeMs: performance.now() - analyzeStarted,
  }
}

/** The areas of a previous run, as importLincolnshireAreas answers them. */
async function importedAreas(): Promise<ImportedAreas> {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const rows = await db.from('areas').orderBy('id').select('id', 'name', 'level', 'parent_id')
  return {
    districts: rows
      .filter((row) => row.level === 'district')
      .map((row) => ({ id: Number(row.id), name: row.name as string })),
    wards: rows
      .filter((row) => row.level === 'ward' && row.parent_id)
      .map((row) => ({ id: Number(row.id), name: row.name, parentId: Number(row.parent_id) })),
  }
}

/**
 * Changes the membership of the audience as residents do: CHANGES of those counted, half
 * move to a ward outside the chosen districts, half withdraw their consent; and as many from
 * outside move into a chosen district. Answers how the count must move (added − removed).
 */
async function changeMembership(
  scope: ReturnType<typeof scopeOf>,
  target: Target,
  areas: ImportedAreas
) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: AudienceQuery } = await import('#services/targeting/audience_query')
  const { sqlTime } = await import('#services/platform/infrastructure/sql_time')
  const chosen = new Set(target.districts.map((district) => district.id))
  const outsideWard = areas.wards.find((ward) => !chosen.has(ward.parentId))!
  const insideWard = areas.wards.find((ward) => chosen.has(ward.parentId))!
  const memberRows = await AudienceQuery.build(scope)
    .orderBy('residents.id')
    .limit(CHANGES)
    .select('residents.id')
  const members = memberRows.map((row) => Number(row.id))
  // Residents counted but for their district: they move into a chosen one.
  const outsiderRows = await AudienceQuery.build({
    ...scope,
    criteria: { ...scope.criteria, areaIds: [outsideWard.parentId] },
  })
    .orderBy('residents.id')
    .limit(Math.floor(CHANGES / 2))
    .select('residents.id')
  const outsiders = outsiderRows.map((row) => Number(row.id))
  const moving = members.slice(0, Math.floor(members.length / 2))
  const withdrawing = members.slice(moving.length)
  const move = async (ids: number[], ward: { id: number; parentId: number }) => {
    for (let start = 0; start < ids.length; start += 500) {
      const slice = ids.slice(start, start + 500)
      await db.from('resident_areas').whereIn('resident_id', slice).delete()
      await insertRows(
        db.connection(),
        'resident_areas',
        slice.flatMap((id) => [
          { resident_id: id, area_id: ward.id },
          { resident_id: id, area_id: ward.parentId },
        ])
      )
    }
  }
  await move(moving, outsideWard)
  await move(outsiders, insideWard)
  for (let start = 0; start < withdrawing.length; start += 500) {
    await db
      .from('consents')
      .whereIn('resident_id', withdrawing.slice(start, start + 500))
      .where('organisation_id', scope.organisationId)
      .update({ withdrawn_at: sqlTime() })
  }
  return outsiders.length - members.length
}

async function explain(scope: ReturnType<typeof scopeOf>) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: AudienceQuery } = await import('#services/targeting/audience_query')
  const sql = AudienceQuery.build(scope).count('* as total').toQuery()
  if (DB === 'pg') {
    const result = await db.rawQuery(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`)
    return result.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')
  }
  const rows = await db.rawQuery(`EXPLAIN QUERY PLAN ${sql}`)
  return rows
    .map(
      (row: { id: number; parent: number; detail: string }) =>
        `${row.id}/${row.parent} ${row.detail}`
    )
    .join('\n')
}

/** Runs `count` once to warm up, then RUNS times, each after `prepare` (not timed). */
async function timeRuns(count: () => Promise<number>, prepare?: () => Promise<unknown>) {
  let value = await count()
  const timings: number[] = []
  for (let run = 0; run < RUNS; run++) {
    await prepare?.()
    const started = performance.now()
    value = await count()
    timings.push(performance.now() - started)
  }
  return { value, timings }
}

function median(timings: number[]) {
  const sorted = [...timings].sort((a, b) => a - b)
  return Number(sorted[Math.floor(sorted.length / 2)].toFixed(1))
}

function describe(timings: number[]) {
  const sorted = [...timings].sort((a, b) => a - b)
  return `min ${sorted[0].toFixed(1)} ms / median ${median(timings)} ms / max ${sorted[sorted.length - 1].toFixed(1)} ms`
}

async function rowCount(db: any, table: string) {
  const row = await db.from(table).count('* as total').first()
  return Number(row?.total ?? 0)
}

/** How many bitmaps the index holds and the bytes Redis gives them. */
async function bitmapFootprint(redis: any, db: any) {
  const current = await db.from('audience_index').select('generation').first()
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, found] = await redis.scan(
      cursor,
      'MATCH',
      `*:audience:${current.generation}:*`,
      'COUNT',
      1000
    )
    cursor = next
    keys.push(...found)
  } while (cursor !== '0')
  let bytes = 0
  for (const key of keys) bytes += Number(await redis.memory('USAGE', key))
  return { facts: keys.length, bytes }
}

/** A phase's log line, with the process's memory: the benchmark must stay under 1 GB at 1M. */
function phase(message: string) {
  const memory = process.memoryUsage()
  log(
    `${message} (JS heap ${megabytes(memory.heapUsed / 1024)}, RSS ${megabytes(memory.rss / 1024)})`
  )
}

async function main() {
  let app: ApplicationService | null = null
  let failed = false
  cleanUpOnSignal(async () => {
    await app?.terminate()
    if (!flags.keep) {
      await removeBenchData(NAMES, DB)
      await reportLeftovers(NAMES)
    }
  })
  try {
    // Its own database, so that it can run beside the fan-out benchmark.
    setBenchEnvironment(DB, NAMES)
    if (DB === 'sqlite' && !flags.reuse) await removeSqliteFile()
    const loadAtStart = loadAverage()
    app = await bootApp()
    const { default: AudienceQuery } = await import('#services/targeting/audience_query')
    const { default: AudienceIndex } = await import('#services/targeting/audience_index')
    const { default: AudienceCount } = await import('#services/targeting/audience_count')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: redis } = await import('@adonisjs/redis/services/main')
    const { sqlTime } = await import('#services/platform/infrastructure/sql_time')
    log(
      flags.reuse
        ? 'reusing the residents of the previous run'
        : `seeding ${whole(RESIDENTS)} residents`
    )
    const seeded = flags.reuse ? await reuse() : await seed()
    const version = await databaseVersion(DB)
    const scope = scopeOf(seeded.organisationId, seeded.target)

    phase('timing AudienceQuery.count (SQL)')
    const sql = await timeRuns(() => AudienceQuery.count(scope))

    phase('building the audience index')
    const changesBefore = await rowCount(db, 'audience_changes')
    const buildStarted = performance.now()
    await AudienceIndex.rebuild()
    const buildMs = performance.now() - buildStarted
    const bitmaps = await bitmapFootprint(redis, db)

    // AudienceCount falls back to SQL without a word: the index itself is asked, and must answer.
    const pageCount = async () => {
      const counts = await AudienceIndex.countByChannel(scope, ['email'])
      if (!counts) throw new Error('The audience index did not answer (SQL would have)')
      return counts.total
    }
    // What staff see goes through AudienceCount: the same number.
    const staffCounts = await AudienceCount.byChannel(scope)
    const shownToStaff = staffCounts.total
    phase('timing AudienceIndex.countByChannel (the index, which must answer)')
    const indexed = await timeRuns(pageCount)

    phase('timing the count right after a change to one resident')
    let changed = 0
    const afterChange = await timeRuns(pageCount, async () => {
      // One resident saved again (an edit, a sign-in): the count takes the change in first.
      changed++
      await db.from('residents').where('id', changed).update({ updated_at: sqlTime() })
    })

    phase(`after change: ${whole(CHANGES)} residents move away or withdraw, others move in`)
    const delta = await changeMembership(scope, seeded.target, seeded.areas)
    const changedStarted = performance.now()
    const afterMembership = await pageCount()
    const afterMembershipMs = performance.now() - changedStarted
    const sqlAfterMembership = await AudienceQuery.count(scope)
    const membershipIsRight =
      afterMembership === sqlAfterMembership && afterMembership === afterChange.value + delta
    await AudienceIndex.forget()

    const counts = [sql.value, indexed.value, afterChange.value, shownToStaff]
    const countIsRight = counts.every(
      (value) => value === (seeded.expected === null ? sql.value : seeded.expected)
    )
    const residents = flags.reuse
      ? 'the residents of the previous run'
      : `${whole(RESIDENTS)} residents`

    printTable(`Audience count: ${residents}, ${version}, Node ${process.versions.node}`, [
      [
        'audience',
        `${seeded.target.districts.map((district) => district.name).join(', ')}; interests ${seeded.target.interests.map((interest) => interest.name).join(', ')}; email; priority ${PRIORITY} (thresholds 1–5); consent ~85%; active`,
      ],
      [
        'seeding',
        seeded.seedMs === null
          ? 'reused'
          : `${seconds(seeded.seedMs)} (${whole(RESIDENTS / (seeded.seedMs / 1000))} residents/s)`,
      ],
      [DB === 'pg' && flags.vacuum ? 'VACUUM ANALYZE' : 'ANALYZE', seconds(seeded.analyzeMs)],
      [
        'count (SQL / index / index after a change / AudienceCount)',
        `${counts.map(whole).join(' / ')}${seeded.expected === null ? '' : countIsRight ? ' (as seeded)' : ` (seeded: ${whole(seeded.expected)}!)`}`,
      ],
      [`SQL: AudienceQuery.count, ${RUNS} runs after a warm-up`, describe(sql.timings)],
      [
        'index build (AudienceIndex.rebuild)',
        `${seconds(buildMs)}; ${whole(changesBefore)} logged changes taken in; ${whole(bitmaps.facts)} bitmaps, ${megabytes(bitmaps.bytes / 1024)} in Redis`,
      ],
      [
        `index: AudienceIndex.countByChannel (must answer), ${RUNS} runs after a warm-up`,
        describe(indexed.timings),
      ],
      [`index, each run after a change to one resident`, describe(afterChange.timings)],
      [
        `after ${whole(CHANGES)} changes of membership (index / SQL / expected)`,
        `${whole(afterMembership)} / ${whole(sqlAfterMembership)} / ${whole(afterChange.value + delta)}${membershipIsRight ? ' (agree)' : ' (DISAGREE!)'}; index answered in ${afterMembershipMs.toFixed(1)} ms`,
      ],
      ['benchmark process peak RSS', megabytes(await procStatusKb(process.pid, 'VmHWM'))],
      ['load average at start / end', `${loadAtStart} → ${loadAverage()}`],
    ])
    if (flags.explain) console.log(`${await explain(scope)}\n`)
    if (flags.json) {
      console.log(
        JSON.stringify({
          benchmark: 'audience',
          residents: flags.reuse ? null : RESIDENTS,
          db: version,
          node: process.versions.node,
          count: indexed.value,
          sqlMedianMs: median(sql.timings),
          indexBuildMs: Math.round(buildMs),
          indexMedianMs: median(indexed.timings),
          indexAfterChangeMedianMs: median(afterChange.timings),
          afterMembership,
          afterMembershipMs: Number(afterMembershipMs.toFixed(1)),
          peakRssKb: await procStatusKb(process.pid, 'VmHWM'),
          seedMs: seeded.seedMs === null ? null : Math.round(seeded.seedMs),
        })
      )
    }
    if (!countIsRight) {
      console.error(
        `ERROR: the counts are ${counts.join(', ')}; the seeding put ${seeded.expected} residents in that audience.`
      )
      failed = true
    }
    if (!membershipIsRight) {
      console.error(
        `ERROR: after the membership changes the index counts ${afterMembership}, SQL ${sqlAfterMembership}, expected ${afterChange.value + delta}.`
      )
      failed = true
    }
  } catch (error) {
    console.error(`ERROR: ${(error as Error).stack ?? error}`)
    failed = true
  } finally {
    await app?.terminate()
    if (!flags.keep) {
      await removeBenchData(NAMES, DB).catch((error) =>
        console.error(`Could not remove the benchmark's data: ${error.message}`)
      )
      const left = await reportLeftovers(NAMES)
      if (left.length) failed = true
    }
  }
  process.exit(failed ? 1 : 0)
}

await main()
