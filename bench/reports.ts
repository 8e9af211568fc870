/*
| Reports benchmark: how long do the organisation reports take to count at
| a million residents and ten million deliveries? Each report is what staff
| wait for when they open Reports → Residents report or Alerts and deliveries,
| and what the monthly figures email counts. After seeding, the daily
| figures are counted as `node ace reports:rebuild` counts them, and timed;
| Who we reach is timed over Census figures for every ward (reports_reach.ts).
|
|   npm run bench:reports -- [--residents 1000000] [--deliveries 10000000] [--db sqlite|pg] [--runs 3]
|
| Data: BENCH_PG_DB (default beacon_bench_reports), BENCH_SQLITE_FILE
| (tmp/bench-reports.sqlite3), BENCH_QUEUE_PREFIX; all removed at the end
| unless --keep. See docs/performance.md for the figures.
*/
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { ApplicationService } from '@adonisjs/core/types'
import {
  analyze,
  benchNames,
  bootApp,
  cleanUpOnSignal,
  databaseKind,
  databaseVersion,
  freshSchema,
  importLincolnshireAreas,
  insertRows,
  loadAverage,
  log,
  positiveInteger,
  printTable,
  removeBenchData,
  removeSqliteFile,
  reportLeftovers,
  resetSequence,
  seconds,
  seedResidents,
  setBenchEnvironment,
  whole,
  type DatabaseKind,
} from './support.ts'
import { reachParts, seedReach } from './reports_reach.ts'

const { values: flags } = parseArgs({
  options: {
    residents: { type: 'string', short: 'n' },
    deliveries: { type: 'string' },
    db: { type: 'string' },
    runs: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
})

const NAMES = benchNames({
  pgDatabase: 'beacon_bench_reports',
  sqliteFile: 'tmp/bench-reports.sqlite3',
})
const RESIDENTS = positiveInteger('residents', flags.residents, 1_000_000)
const DELIVERIES = positiveInteger('deliveries', flags.deliveries, 10_000_000)
const DB: DatabaseKind = databaseKind(flags.db)
const RUNS = positiveInteger('runs', flags.runs, 3)
// A year of alerts, each to the same number of residents.
const ALERTS = 1000
const GOAL_MS = 1000

const CATEGORIES = ['burglary', 'fraud-and-scams', 'road-safety', 'rural-crime', null]

/** Residents who joined over two years, with sources; alerts over a year; their deliveries. */
async function seed() {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: Organisation } = await import('#models/platform/organisation')
  const { sqlTime } = await import('#services/platform/infrastructure/sql_time')
  const { DateTime } = await import('luxon')
  await freshSchema(DB)
  const started = performance.now()
  const areas = await importLincolnshireAreas()
  const organisation = await Organisation.create({ name: 'Bench police', slug: 'bench-police' })
  await seedResidents({
    kind: DB,
    count: RESIDENTS,
    organisationId: organisation.id,
    areasOf: (id) => {
      const ward = areas.wards[id % areas.wards.length]
      return [ward.id, ward.parentId]
    },
    emailOf: (id) => `resident${id}@example.net`,
    seeded: (count) => {
      if (count % 200_000 === 0) log(`${whole(count)} residents`)
    },
  })
  // Joined over the last two years, one a day in turn; a fifth by the doorstep or an import.
  const day = (expression: string) =>
    DB === 'pg'
      ? `now() - ((${expression}) * interval '1 day')`
      : `strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (${expression}) || ' days')`
  await db.rawQuery(`update consents set granted_at = ${day('resident_id % 730')}`)
  await db.rawQuery(
    `update residents set source = case id % 5 when 3 then 'doorstep' when 4 then 'import' else 'web' end`
  )
  await seedReach(
    DB,
    areas.wards.map((ward) => ward.id)
  )
  log('residents and their Census figures seeded; alerts next')

  const now = DateTime.now()
  const alerts = Array.from({ length: ALERTS }, (_, index) => {
    const at = sqlTime(now.minus({ hours: Math.floor((index * 365 * 24) / ALERTS) }))
    return {
      id: index + 1,
      organisation_id: organisation.id,
      title: `Alert ${index + 1}`,
      body: 'Benchmark alert.',
      priority: (index % 5) + 1,
      category: CATEGORIES[index % CATEGORIES.length],
      status: 'sent',
      criteria: JSON.stringify({ areaIds: [areas.districts[0].id] }),
      dispatched_at: at,
      completed_at: at,
      created_at: at,
      updated_at: at,
    }
  })
  await insertRows(db.connection(), 'alerts', alerts)
  await resetSequence(DB, 'alerts')

  // Each alert's deliveries go to a run of distinct residents; one in 40 failed.
  const perAlert = Math.max(1, Math.floor(DELIVERIES / ALERTS))
  const series =
    DB === 'pg'
      ? `generate_series(0, ${perAlert - 1}) as g(n)`
      : `(with recursive g(n) as (select 0 union all select n + 1 from g where n < ${perAlert - 1}) select n from g) as g`
  for (let first = 1; first <= ALERTS; first += 50) {
    const last = Math.min(ALERTS, first + 49)
    await db.rawQuery(
      `insert into deliveries (alert_id, resident_id, channel, status, attempts, created_at, updated_at)
       select alerts.id, ((alerts.id * 7919 + g.n) % ${RESIDENTS}) + 1,
         case when g.n % 10 = 9 then 'sms' else 'email' end,
         case when g.n % 40 = 0 then 'failed' when g.n % 3 = 0 then 'delivered' else 'sent' end,
         1, alerts.created_at, alerts.created_at
       from alerts, ${series}
       where alerts.id between ${first} and ${last}`
    )
    if (last % 200 === 0) log(`${whole(last * perAlert)} deliveries`)
  }
  const analyzeStarted = performance.now()
  await analyze()
  const analyzeMs = performance.now() - analyzeStarted
  const seedMs = performance.now() - started

  // The reports' daily figures, as an install counts them after an import (node ace reports:rebuild).
  const { default: ResidentDayFigures } =
    await import('#services/engagement/reports/daily_figures/resident_day_figures')
  const { default: AlertDeliveryFigures } =
    await import('#services/engagement/reports/daily_figures/alert_delivery_figures')
  const rebuildStarted = performance.now()
  let shown = 0
  await ResidentDayFigures.rebuild((settled, left) => {
    if (settled - shown >= 200_000 || left === 0) {
      shown = settled
      log(`daily figures: ${whole(settled)} residents counted, ${whole(left)} to go`)
    }
  })
  const residentsRebuildMs = performance.now() - rebuildStarted
  const alertsStarted = performance.now()
  await AlertDeliveryFigures.rebuild()
  const alertsRebuildMs = performance.now() - alertsStarted
  await analyze()
  // Residents by channel is answered by the targeting's audience index, which an install's workers keep built.
  const { default: AudienceIndex } = await import('#services/targeting/audience_index')
  const indexStarted = performance.now()
  if (!(await AudienceIndex.rebuild())) throw new Error('The audience index could not be built')
  const audienceIndexMs = performance.now() - indexStarted
  return {
    organisationId: organisation.id,
    audienceIndexMs,
    seedMs,
    analyzeMs,
    residentsRebuildMs,
    alertsRebuildMs,
    deliveries: perAlert * ALERTS,
  }
}

const milliseconds = (ms: number) => `${whole(ms)} ms`

async function timed<T>(work: () => Promise<T>) {
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
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
    setBenchEnvironment(DB, NAMES)
    if (DB === 'sqlite') await removeSqliteFile()
    const loadAtStart = loadAverage()
    app = await bootApp()
    log(`seeding ${whole(RESIDENTS)} residents and ${whole(DELIVERIES)} deliveries on ${DB}`)
    const seeded = await seed()
    const { default: ReportPeriods } = await import('#services/engagement/reports/report_period')
    const { default: ResidentReport } = await import('#services/engagement/reports/resident_report')
    const { default: AlertReport } = await import('#services/engagement/reports/alert_report')
    const { default: MonthlyKpi } = await import('#services/engagement/reports/monthly_kpi')
    const org = seeded.organisationId
    const { default: ResidentFigures } =
      await import('#services/engagement/reports/resident_figures')
    const { DateTime } = await import('luxon')
    // The report must be answered by the index, and say what the live SQL says.
    const fromIndex = await ResidentFigures.byChannel(org, DateTime.now())
    const live = await ResidentFigures.byChannel(org, DateTime.now(), true)
    if (fromIndex.answeredBy !== 'index') throw new Error('The audience index did not answer')
    const agree =
      fromIndex.total === live.total &&
      fromIndex.channels.every((one, index) => one.residents === live.channels[index].residents)
    if (!agree) {
      throw new Error(`By channel: index ${JSON.stringify(fromIndex)}, SQL ${JSON.stringify(live)}`)
    }

    const rows: [string, string][] = []
    const slow: string[] = []
    for (const choice of ['last-month', 'this-year'] as const) {
      const resolved = ReportPeriods.resolve({ period: choice })
      if (!resolved.period) throw new Error(`No period for ${choice}`)
      const period = resolved.period
      const parts: [string, () => Promise<unknown>][] = [
        ['residents: summary and chart', () => ResidentReport.summary(org, period)],
        ['residents: by source', () => ResidentReport.sources(org, period)],
        ['residents: by district', () => ResidentReport.districts(org, period)],
        ['residents: a page of wards', () => ResidentReport.wards(org, period, 1)],
        ['residents: by channel', () => ResidentReport.channels(org, period)],
        ['alerts: by category', () => AlertReport.categories(org, period)],
        ['alerts: by priority', () => AlertReport.priorities(org, period)],
        ['alerts: category chart', () => AlertReport.categoryChart(org, period)],
        ['deliveries by channel', () => AlertReport.deliveries(org, period)],
      ]
      log(`timing ${choice}`)
      for (const [label, work] of parts) {
        const ms = await timed(work)
        rows.push([
          `${choice}, ${label}`,
          `${milliseconds(ms)}${ms > GOAL_MS ? '  (over 1 s)' : ''}`,
        ])
        if (ms > GOAL_MS) slow.push(`${choice}, ${label}`)
      }
    }
    for (const [label, work] of await reachParts(org)) {
      const ms = await timed(work)
      rows.push([label, `${milliseconds(ms)}${ms > GOAL_MS ? '  (over 1 s)' : ''}`])
      if (ms > GOAL_MS) slow.push(label)
    }
    const liveMs = await timed(() => ResidentFigures.byChannel(org, DateTime.now(), true))
    rows.push([
      'residents: by channel, counted live in SQL (as before; the index agrees)',
      milliseconds(liveMs),
    ])
    const kpiStart = ReportPeriods.resolve({ period: 'last-month' }).period!.from
    const kpiMs = await timed(() => MonthlyKpi.figures(org, kpiStart))
    rows.push(['monthly figures email, one organisation', milliseconds(kpiMs)])

    printTable(
      `Reports at ${whole(RESIDENTS)} residents, ${whole(seeded.deliveries)} deliveries (${await databaseVersion(DB)}), median of ${RUNS}`,
      [
        ['seeding (with ANALYZE)', seconds(seeded.seedMs)],
        ['ANALYZE', seconds(seeded.analyzeMs)],
        ['reports:rebuild, residents', seconds(seeded.residentsRebuildMs)],
        ['reports:rebuild, alerts', seconds(seeded.alertsRebuildMs)],
        ['audience index build (AudienceIndex.rebuild)', seconds(seeded.audienceIndexMs)],
        ...rows,
        ['load average at start (1/5/15 min)', loadAtStart],
        ['load average at end', loadAverage()],
      ]
    )
    console.log(
      slow.length
        ? `Over the 1 s goal: ${slow.length} of ${rows.length - 2} (${slow.join('; ')})`
        : 'Every report within the 1 s goal'
    )
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
