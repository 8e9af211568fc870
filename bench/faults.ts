/*
| Fault benchmark: one alert to N residents by email, sent by queue workers
| while something breaks, counting at the SMTP sink what each resident got.
|
|   npm run bench:faults -- --residents 100000 --db pg [--workers 2] [--only kill,redis]
|
| Scenarios: `kill` (every worker SIGKILLed the instant the sink has answered
| "250" to a mail, twice), `redis` (the benchmark's own Redis killed and
| started again, twice), `refusals` (the sink answers 421 to a burst, then
| 4xx and 5xx at random) and `database` (the workers' database connections
| killed, or SQLite locked, for five seconds). Each prints the mails lost and
| duplicated, counted as (recipient, alert) pairs, and for kills the mails in
| flight at each kill (accepted by the sink and not yet in the ledger): the
| guarantee is 0 lost everywhere, and duplicates only from kills, never more
| than those in flight. Exits non-zero when a scenario breaks it.
|
| Environment (all optional): BENCH_PG_DB, BENCH_SQLITE_FILE, BENCH_QUEUE_PREFIX,
| BENCH_REDIS_PORT (the benchmark's own redis-server), BENCH_SMTP_PORT. A run
| drops its database (or removes its SQLite file) and kills its Redis.
*/
import { performance } from 'node:perf_hooks'
import { rm } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { hostname, cpus } from 'node:os'
import {
  APP_ROOT,
  bootApp,
  databaseKind,
  log,
  positiveInteger,
  printTable,
  runAce,
  seconds,
  seedResidents,
  whole,
  type DatabaseKind,
} from './support.ts'
import { BenchWorker, FaultSink, OwnRedis, sleep } from './fault_support.ts'

const { values: flags } = parseArgs({
  options: {
    residents: { type: 'string', short: 'n' },
    db: { type: 'string' },
    workers: { type: 'string' },
    only: { type: 'string' },
    timeout: { type: 'string' },
  },
})

const RESIDENTS = positiveInteger('residents', flags.residents, 100_000)
const DB: DatabaseKind = databaseKind(flags.db)
const WORKERS = positiveInteger('workers', flags.workers, 2)
const STALL_SECONDS = positiveInteger('timeout', flags.timeout, 180)
const SCENARIOS = ['kill', 'redis', 'refusals', 'database'] as const
type Scenario = (typeof SCENARIOS)[number]
const ONLY = (flags.only?.split(',') ?? SCENARIOS) as Scenario[]
for (const name of ONLY) {
  if (!SCENARIOS.includes(name)) throw new Error(`--only takes ${SCENARIOS.join(', ')}`)
}

const PG_DB = process.env.BENCH_PG_DB ?? 'beacon_bench_faults'
const SQLITE = process.env.BENCH_SQLITE_FILE ?? 'tmp/bench-faults.sqlite3'
const PREFIX = process.env.BENCH_QUEUE_PREFIX ?? `beacon-bench-faults-${process.pid}`
const WORKER_APPLICATION = `${PG_DB}-worker`
const SEED_BATCH = 5000
// The points of the send at which things break.
const BREAK_AT = [0.3, 0.6]

interface Result {
  scenario: Scenario
  expected: number
  accepted: number
  lost: number
  duplicated: number
  inFlight: number | null
  seconds: number
}

const sink = new FaultSink()
const redis = new OwnRedis()
let workers: BenchWorker[] = []

function startWorkers() {
  workers = Array.from(
    { length: WORKERS },
    () => new BenchWorker({ PG_APPLICATION_NAME: WORKER_APPLICATION })
  )
  return Promise.all(workers.map((worker) => worker.processing()))
}

async function stopWorkers() {
  await Promise.all(workers.map((worker) => worker.kill()))
  workers = []
}

async function seed() {
  const { default: Area } = await import('#models/areas/area')
  const { default: Organisation } = await import('#models/platform/organisation')
  const area = await Area.create({
    code: 'BENCH-D1',
    name: 'Bench district',
    level: 'district',
    geometry: JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [0, 52],
          [0.1, 52],
          [0.1, 52.1],
          [0, 52.1],
          [0, 52],
        ],
      ],
    }),
  })
  const organisation = await Organisation.create({ name: 'Bench Fire and Rescue', slug: 'bench' })
  await seedResidents({
    kind: DB,
    count: RESIDENTS,
    organisationId: organisation.id,
    areasOf: () => [area.id],
    emailOf: (id) => `resident-${id}@faults.example`,
    batch: SEED_BATCH,
  })
  return { areaId: area.id, organisationId: organisation.id }
}

/** Makes the database unreachable to the workers: their PostgreSQL connections dropped, or SQLite locked. */
async function databaseOutage(milliseconds: number) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  if (DB === 'sqlite') {
    const { default: Database } = await import('better-sqlite3')
    const locker = new Database(new URL(SQLITE, APP_ROOT).pathname)
    locker.exec('BEGIN EXCLUSIVE')
    await sleep(milliseconds)
    locker.exec('COMMIT')
    locker.close()
    return
  }
  const until = Date.now() + milliseconds
  while (Date.now() < until) {
    await db.rawQuery(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?',
      [WORKER_APPLICATION]
    )
    await sleep(100)
  }
}

/** A statement a killed worker sent may still be running in PostgreSQL: what it records was not in flight. */
async function workerStatementsFinished() {
  if (DB === 'sqlite') return
  const { default: db } = await import('@adonisjs/lucid/services/db')
  while (true) {
    const result = await db.rawQuery(
      "select count(*) as total from pg_stat_activity where application_name = ? and state = 'active'",
      [WORKER_APPLICATION]
    )
    if (Number(result.rows[0].total) === 0) return
    await sleep(20)
  }
}

async function sentInLedger(alertId: number) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const [row] = await db
    .from('deliveries')
    .where('alert_id', alertId)
    .where('status', 'sent')
    .count('* as total')
  return Number(row.total)
}

async function runScenario(
  scenario: Scenario,
  seeded: { areaId: number; organisationId: number }
): Promise<Result> {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: Alert } = await import('#models/messaging/alert')
  const { default: BeeQueue } = await import('bee-queue')
  const { DateTime } = await import('luxon')
  // A 5xx at RCPT TO in an earlier scenario marked the address dead: every scenario starts whole.
  await db.from('residents').update({ email_bounced_at: null })
  await sink.reset()
  const alert = await Alert.create({
    organisationId: seeded.organisationId,
    title: `Fault scenario: ${scenario}`,
    body: 'Move valuables upstairs and keep your phone charged.',
    priority: 2,
    status: 'sending',
    criteria: { areaIds: [seeded.areaId] },
    sendRequestedAt: DateTime.now(),
  })
  await startWorkers()
  if (scenario === 'refusals') {
    await sink.faults({
      busy: 20,
      refusals: { probability: 0.02, codes: [421, 450, 451, 452, 550, 554], seed: 20261206 },
    })
  }

  const producer = new BeeQueue('dispatch', {
    prefix: PREFIX,
    redis: { host: '127.0.0.1', port: redis.port },
    isWorker: false,
    getEvents: false,
  })
  const started = performance.now()
  await producer.createJob({ alertId: alert.id }).setId(`alert-${alert.id}`).save()
  await producer.close()

  let inFlight: number | null = scenario === 'kill' ? 0 : null
  const breaks = BREAK_AT.map((share) => Math.floor(RESIDENTS * share))
  let lastAccepted = 0
  let lastProgress = performance.now()
  while (true) {
    await sleep(100)
    const row = await db.from('alerts').where('id', alert.id).select('status').first()
    const status = row.status
    if (status === 'sent') break
    if (status !== 'sending') throw new Error(`The alert is ${status}`)
    const count = await sink.count(alert.id)
    if (count.accepted !== lastAccepted) {
      lastAccepted = count.accepted
      lastProgress = performance.now()
    } else if (performance.now() - lastProgress > STALL_SECONDS * 1000) {
      throw new Error(`No mail accepted for ${STALL_SECONDS} s (${whole(count.accepted)} so far)`)
    }
    if (breaks.length === 0 || count.reached < breaks[0] - (scenario === 'kill' ? 2000 : 0)) {
      continue
    }
    const at = breaks.shift()!
    if (scenario === 'kill') {
      // The sink kills them itself, right after its "250": no time for the ledger to hear of it.
      await sink.faults({ killAt: { accepted: at, pids: workers.map((w) => w.child.pid!) } })
      await Promise.all(workers.map((worker) => worker.exited))
      let after = await sink.count(alert.id)
      while (after.receiving > 0) {
        await sleep(20)
        after = await sink.count(alert.id)
      }
      await workerStatementsFinished()
      const window = after.reached - (await sentInLedger(alert.id))
      inFlight! += window
      log(
        `${scenario}: killed ${workers.length} worker(s) at ${whole(after.reached)}; ${window} in flight`
      )
      workers = []
      await startWorkers()
    } else if (scenario === 'redis') {
      log(`${scenario}: restarting Redis at ${whole(count.reached)}`)
      await redis.restart()
    } else if (scenario === 'database') {
      log(`${scenario}: database unreachable for 5 s at ${whole(count.reached)}`)
      await databaseOutage(5000)
    }
  }
  const elapsed = performance.now() - started
  await stopWorkers()
  const count = await sink.count(alert.id)
  const expected = RESIDENTS - count.refusedForGood
  return {
    scenario,
    expected,
    accepted: count.accepted,
    lost: expected - count.reached,
    duplicated: count.duplicated,
    inFlight,
    seconds: elapsed / 1000,
  }
}

async function cleanUp() {
  await stopWorkers().catch(() => {})
  await sink.stop().catch(() => {})
  await redis.kill().catch(() => {})
}

async function dropDatabase() {
  if (DB === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      await rm(new URL(`${SQLITE}${suffix}`, APP_ROOT), { force: true })
    }
    return
  }
  const { default: pg } = await import('pg')
  const client = new pg.Client({
    host: process.env.PG_HOST ?? '127.0.0.1',
    port: Number(process.env.PG_PORT ?? 5432),
    user: process.env.PG_USER ?? 'postgres',
    password: process.env.PG_PASSWORD || undefined,
    database: 'postgres',
  })
  await client.connect()
  await client.query(`drop database if exists "${PG_DB.replaceAll('"', '')}" with (force)`)
  await client.end()
}

async function main() {
  // Stopped by hand (Ctrl+C), the run still leaves nothing behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`)
      void cleanUp()
        .then(() => dropDatabase())
        .finally(() => process.exit(130))
    })
  }
  await redis.start()
  await sink.start()
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DB_CONNECTION: DB,
    SQLITE_FILE: SQLITE,
    PG_DB_NAME: PG_DB,
    PG_APPLICATION_NAME: `${PG_DB}-bench`,
    QUEUE_PREFIX: PREFIX,
    REDIS_PORT: String(redis.port),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    LOG_LEVEL: 'fatal',
    DEMO_DATA: 'false',
    QUEUE_WORKER: 'off',
    PORT: '0',
    DELIVERY_SWEEP_SECONDS: '2',
    // Longer than the database outage: a live worker's claims are not taken for a dead one's.
    DELIVERY_STALE_CLAIM_SECONDS: '20',
    DELIVERY_IDLE_PENDING_SECONDS: '5',
    DELIVERY_IDLE_DISPATCH_SECONDS: '10',
    DELIVERY_RETRY_BASE_SECONDS: '0.5',
  })
  const results: Result[] = []
  let app: Awaited<ReturnType<typeof bootApp>> | null = null
  try {
    await dropDatabase()
    if (DB === 'pg') {
      const { ensurePostgresDatabase } = await import('./support.ts')
      await ensurePostgresDatabase()
    }
    log('migrating')
    await runAce(['migration:run', '--force'])
    log('booting')
    app = await bootApp()
    log(`seeding ${whole(RESIDENTS)} residents (${DB})`)
    const seeded = await seed()
    for (const scenario of ONLY) {
      log(`${scenario}: sending to ${whole(RESIDENTS)} with ${WORKERS} worker(s)`)
      results.push(await runScenario(scenario, seeded))
    }
  } finally {
    await cleanUp()
    await app?.terminate().catch(() => {})
    await dropDatabase().catch((error) => log(`could not drop the database: ${error.message}`))
  }

  printTable(
    `Faults: ${whole(RESIDENTS)} residents, ${DB}, ${WORKERS} worker(s), ${hostname()} (${cpus().length} cores), ${new Date().toISOString().slice(0, 10)}`,
    results.map((result) => [
      result.scenario,
      `${whole(result.accepted)} accepted of ${whole(result.expected)} expected in ${seconds(result.seconds * 1000)}: lost ${result.lost}, duplicated ${result.duplicated}${result.inFlight === null ? '' : ` (in flight at the kills: ${result.inFlight})`}`,
    ])
  )
  const broken = results.filter(
    (result) => result.lost !== 0 || result.duplicated > (result.inFlight ?? 0)
  )
  if (broken.length > 0) {
    console.error(`The guarantee broke in: ${broken.map((result) => result.scenario).join(', ')}`)
    process.exitCode = 1
  }
}

await main()
