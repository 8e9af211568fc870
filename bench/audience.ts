/*
| Audience benchmark: how long does counting a targeted audience take with a
| million residents? That count is what a sender sees while composing.
|
|   npm run bench:audience -- --residents 1000000 [--db sqlite|pg] [--runs 5] [--explain]
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
  removeSqliteFile,
  resetSequence,
  seconds,
  seededRandom,
  setBenchEnvironment,
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
  },
})

const RESIDENTS = positiveInteger('residents', flags.residents, 1_000_000)
const DB: DatabaseKind = databaseKind(flags.db)
const RUNS = positiveInteger('runs', flags.runs, 5)
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

/** The audience timed: 3 districts, 2 interests, email, priority 3 (and, through the query, active residents). */
function scopeOf(organisationId: number, target: Target) {
  return {
    organisationId,
    priority: 3,
    criteria: {
      areaIds: target.districts.map((district) => district.id),
      interestIds: target.interests.map((interest) => interest.id),
      channels: ['email'],
    },
  }
}

/**
 * M residents over the Lincolnshire wards: 1–3 of 8 interests, ~90% with an
 * email, ~40% with a phone, priority thresholds 1–3, ~95% active, all
 * consenting to the organisation, ~5% with email turned off (and ~5% with
 * quiet hours, ~2% with SMS off). Returns how many of them the timed
 * audience should count, worked out while generating them.
 */
async function seedResidents(
  areas: ImportedAreas,
  organisationId: number,
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
      const hasPhone = random() < 0.4
      const threshold = 1 + Math.floor(random() * 3)
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
        confirmed_at: status === 'pending' ? null : now,
        unsubscribed_at: status === 'unsubscribed' ? now : null,
        created_at: now,
        updated_at: now,
      })
      residentAreas.push(
        { resident_id: id, area_id: ward.id },
        { resident_id: id, area_id: ward.parentId }
      )
      consents.push({ resident_id: id, organisation_id: organisationId, granted_at: now })

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
        threshold <= 3 &&
        targetDistricts.has(ward.parentId) &&
        [...chosen].some((interestId) => targetInterests.has(interestId)) &&
        hasEmail &&
        !emailOff
      ) {
        expected++
      }
    }
    await db.transaction(async (trx) => {
      await insertRows(trx, 'residents', residents)
      await insertRows(trx, 'resident_areas', residentAreas)
      await insertRows(trx, 'consents', consents)
      await insertRows(trx, 'resident_interests', residentInterests)
      await insertRows(trx, 'channel_preferences', preferences)
    })
    if (last % 100_000 === 0 || last === RESIDENTS) {
      // The JS heap stays small; on SQLite the RSS still grows, see docs/performance.md.
      const memory = process.memoryUsage()
      log(
        `seeded ${whole(last)} residents (JS heap ${megabytes(memory.heapUsed / 1024)}, RSS ${megabytes(memory.rss / 1024)})`
      )
    }
  }
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
  const expected = await seedResidents(areas, organisation.id, interestIds, target)
  const seedMs = performance.now() - started

  const analyzeStarted = performance.now()
  if (DB === 'pg' && flags.vacuum) {
    await db.rawQuery('VACUUM ANALYZE')
  } else {
    await analyze()
  }
  const analyzeMs = performance.now() - analyzeStarted
  return { organisationId: organisation.id, target, expected, seedMs, analyzeMs }
}

/** The audience of a previous run, read back from the database. */
async function reuse() {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const organisation = await db.from('organisations').orderBy('id').first()
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
    expected: null,
    seedMs: null,
    analyzeMs: performance.now() - analyzeStarted,
  }
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

async function main() {
  let app: ApplicationService | null = null
  let failed = false
  try {
    // Its own database, so that it can run beside the fan-out benchmark.
    setBenchEnvironment(DB, {
      SQLITE_FILE: 'tmp/bench-audience.sqlite3',
      PG_DB_NAME: 'beacon_bench_audience',
    })
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

    log('timing AudienceQuery.count (SQL)')
    const sql = await timeRuns(() => AudienceQuery.count(scope))

    log('building the audience index')
    const changesBefore = await rowCount(db, 'audience_changes')
    const buildStarted = performance.now()
    await AudienceIndex.rebuild()
    const buildMs = performance.now() - buildStarted
    const bitmaps = await bitmapFootprint(redis, db)

    const pageCount = async () => {
      const counts = await AudienceCount.byChannel(scope)
      return counts.total
    }
    log('timing AudienceCount.byChannel (the index)')
    const indexed = await timeRuns(pageCount)

    log('timing the count right after a change to one resident')
    let changed = 0
    const afterChange = await timeRuns(pageCount, async () => {
      // One resident saved again (an edit, a sign-in): the count takes the change in first.
      changed++
      await db.from('residents').where('id', changed).update({ updated_at: sqlTime() })
    })
    await AudienceIndex.forget()

    const counts = [sql.value, indexed.value, afterChange.value]
    const countIsRight = counts.every(
      (value) => value === (seeded.expected === null ? sql.value : seeded.expected)
    )
    const residents = flags.reuse
      ? 'the residents of the previous run'
      : `${whole(RESIDENTS)} residents`

    printTable(`Audience count: ${residents}, ${version}, Node ${process.versions.node}`, [
      [
        'audience',
        `${seeded.target.districts.map((district) => district.name).join(', ')}; interests ${seeded.target.interests.map((interest) => interest.name).join(', ')}; email; priority 3; active`,
      ],
      [
        'seeding',
        seeded.seedMs === null
          ? 'reused'
          : `${seconds(seeded.seedMs)} (${whole(RESIDENTS / (seeded.seedMs / 1000))} residents/s)`,
      ],
      [DB === 'pg' && flags.vacuum ? 'VACUUM ANALYZE' : 'ANALYZE', seconds(seeded.analyzeMs)],
      [
        'count (SQL / index / index after a change)',
        `${counts.map(whole).join(' / ')}${seeded.expected === null ? '' : countIsRight ? ' (as seeded)' : ` (seeded: ${whole(seeded.expected)}!)`}`,
      ],
      [`SQL: AudienceQuery.count, ${RUNS} runs after a warm-up`, describe(sql.timings)],
      [
        'index build (AudienceIndex.rebuild)',
        `${seconds(buildMs)}; ${whole(changesBefore)} logged changes taken in; ${whole(bitmaps.facts)} bitmaps, ${megabytes(bitmaps.bytes / 1024)} in Redis`,
      ],
      [`index: AudienceCount.byChannel, ${RUNS} runs after a warm-up`, describe(indexed.timings)],
      [`index, each run after a change to one resident`, describe(afterChange.timings)],
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
  } catch (error) {
    console.error(`ERROR: ${(error as Error).stack ?? error}`)
    failed = true
  } finally {
    await app?.terminate()
  }
  process.exit(failed ? 1 : 0)
}

await main()
