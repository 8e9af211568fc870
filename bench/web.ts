/*
| The public site under load: how many requests a second, and how fast, do the
| home page, the alert archive, an alert, the feeds and the sign-up form get
| answered, idle and while a 100k fan-out runs; and do sign-ups made as a
| browser makes them (form, CSRF token, each step) at a fixed rate all end in
| exactly one confirmation email?
|
|   npm run bench:web -- --db pg [--residents 100000] [--processes 2] [--seconds 5]
|       [--rate 200] [--signup-rate 50] [--signup-seconds 10] [--server build|source]
|
| Names and ports come from the environment: BENCH_PG_DB (beacon_bench_web),
| BENCH_SQLITE_FILE (tmp/bench-web.sqlite3), BENCH_QUEUE_PREFIX, BENCH_WEB_PORT
| (3435), BENCH_CEILING_PORT (3436). The run drops its database and Redis keys.
| See docs/performance.md.
*/
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import type { ApplicationService } from '@adonisjs/core/types'
import {
  APP_ROOT,
  analyze,
  bootApp,
  databaseKind,
  databaseVersion,
  freshSchema,
  importLincolnshireAreas,
  loadAverage,
  log,
  positiveInteger,
  printTable,
  removeRedisKeys,
  removeSqliteFile,
  seedResidents,
  setBenchEnvironment,
  whole,
  type ImportedAreas,
} from './support.ts'
import { SinkProcess } from './smtp_sink.ts'
import {
  closedLoop,
  openLoop,
  request,
  signUpLoad,
  type LoadFigures,
  type SignUpFigures,
} from './web_support.ts'

const { values: flags } = parseArgs({
  options: {
    'db': { type: 'string' },
    'residents': { type: 'string' },
    'processes': { type: 'string' },
    'seconds': { type: 'string' },
    'connections': { type: 'string' },
    'rate': { type: 'string' },
    'signup-rate': { type: 'string' },
    'signup-seconds': { type: 'string' },
    'server': { type: 'string' },
    'wait-minutes': { type: 'string' },
    'json': { type: 'boolean', default: false },
  },
})

const DB = databaseKind(flags.db)
const RESIDENTS = positiveInteger('residents', flags.residents, 100_000)
const PROCESSES = positiveInteger('processes', flags.processes, 1)
const SECONDS = positiveInteger('seconds', flags.seconds, 5)
const CONNECTIONS = positiveInteger('connections', flags.connections, 10)
const RATE = positiveInteger('rate', flags.rate, 200)
const SIGNUP_RATE = positiveInteger('signup-rate', flags['signup-rate'], 50)
const SIGNUP_SECONDS = positiveInteger('signup-seconds', flags['signup-seconds'], 10)
const WAIT_MINUTES = positiveInteger('wait-minutes', flags['wait-minutes'], 15)
const BUILT = new URL('build/bin/server.js', APP_ROOT)
const SERVER = flags.server ?? (existsSync(BUILT) ? 'build' : 'source')
const PG_DB = process.env.BENCH_PG_DB ?? 'beacon_bench_web'
const SQLITE = process.env.BENCH_SQLITE_FILE ?? 'tmp/bench-web.sqlite3'
const PREFIX = process.env.BENCH_QUEUE_PREFIX ?? `beacon-bench-web-${process.pid}`
const WEB_PORT = positiveInteger('BENCH_WEB_PORT', process.env.BENCH_WEB_PORT, 3435)
const CEILING_PORT = positiveInteger('BENCH_CEILING_PORT', process.env.BENCH_CEILING_PORT, 3436)
/** Measured on this machine on 2026-12-06 before the cache (issue 13), PostgreSQL, built server. */
const BEFORE: Record<string, number> = {
  '/alerts': 102,
  '/alerts/feed.rss': 70,
  '/alerts/feed.cap': 58,
}

function sleep(milliseconds: number) {
  return new Promise((resolve) => setTimeout(resolve, milliseconds))
}

function startProcess(args: string[], env: Record<string, string>, cwd = APP_ROOT) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (chunk: Buffer) => {
    if (output.length < 50_000) output += chunk.toString()
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  return { child, output: () => output }
}

async function stopProcess(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}

/** The built server (or the source) in production mode, as an install runs it. */
function startServer(sinkPort: number) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    PORT: String(WEB_PORT),
    HOST: '127.0.0.1',
    APP_URL: `http://127.0.0.1:${WEB_PORT}`,
    APP_KEY: 'a-benchmark-key-used-for-nothing-else-ever-at-all',
    LOG_LEVEL: 'error',
    SESSION_DRIVER: 'cookie',
    DB_CONNECTION: DB,
    SQLITE_FILE: new URL(SQLITE, APP_ROOT).pathname,
    PG_HOST: process.env.PG_HOST ?? '127.0.0.1',
    PG_PORT: process.env.PG_PORT ?? '5432',
    PG_USER: process.env.PG_USER ?? 'postgres',
    PG_PASSWORD: process.env.PG_PASSWORD ?? '',
    PG_DB_NAME: PG_DB,
    REDIS_HOST: process.env.REDIS_HOST ?? '127.0.0.1',
    REDIS_PORT: process.env.REDIS_PORT ?? '6379',
    QUEUE_PREFIX: PREFIX,
    // The fan-out and the confirmation emails are sent by a separate worker, as a larger install does.
    QUEUE_WORKER: 'off',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sinkPort),
    MAIL_FROM_ADDRESS: 'alerts@bench.example',
    DEMO_DATA: 'false',
    WEB_PROCESSES: String(PROCESSES),
  }
  return SERVER === 'build'
    ? startProcess(['bin/server.js'], env, new URL('build/', APP_ROOT))
    : startProcess(['--import', '@poppinss/ts-exec', 'bin/server.ts'], env)
}

/** A bare Node server answering a 20 KB page: what this machine serves with no application at all. */
function startCeiling() {
  const code = `const body = Buffer.alloc(20000, 'x'); require('node:http').createServer((q, s) => { s.setHeader('Content-Type', 'text/html'); s.end(body) }).listen(${CEILING_PORT}, '127.0.0.1')`
  return startProcess(['-e', code], { PATH: process.env.PATH ?? '' })
}

async function waitForAnswer(base: URL, path: string, output: () => string) {
  const http = await import('node:http')
  const agent = new http.Agent()
  const until = Date.now() + 120_000
  while (Date.now() < until) {
    try {
      const answer = await request(agent, base, 'GET', path)
      if (answer.status === 200) return
    } catch {
      // Not listening yet.
    }
    await sleep(200)
  }
  throw new Error(`${base.href} did not answer ${path}:\n${output()}`)
}

/** Residents with an email, each in a ward and its district, consenting to the organisation. */
async function seedAudience(areas: ImportedAreas, organisationId: number) {
  await seedResidents({
    kind: DB,
    count: RESIDENTS,
    organisationId,
    areasOf: (id) => {
      const ward = areas.wards[id % areas.wards.length]
      return [ward.id, ward.parentId]
    },
    emailOf: (id) => `resident-${id}@bench.example`,
  })
}

/** Sent, public alerts like a force's archive: a few a week, Markdown bodies, several categories. */
async function publishAlerts(areas: ImportedAreas, organisationId: number) {
  const { default: Alert } = await import('#models/messaging/alert')
  const { DateTime } = await import('luxon')
  const categories = ['burglary', 'fraud-and-scams', 'road-safety', 'community-news', 'rural-crime']
  let newest = 0
  for (let index = 0; index < 60; index++) {
    const district = areas.districts[index % areas.districts.length]
    const alert = await Alert.create({
      organisationId,
      title: `Alert ${index + 1}: ${categories[index % 5].replace(/-/g, ' ')} in ${district.name}`,
      body: `**Please read.** Officers in ${district.name} ask residents to:\n\n- lock sheds and garages\n- mark tools with a postcode\n- report anything suspicious on 101\n\nMore at [the force website](https://example.org/advice).`,
      priority: 1 + (index % 4),
      category: categories[index % 5],
      isPublic: true,
      status: 'sent',
      criteria: { areaIds: [district.id] },
      completedAt: DateTime.now().minus({ days: 60 - index }),
    })
    newest = alert.id
  }
  return newest
}

/** One alert to every resident, through the real dispatch job. */
async function startFanOut(areas: ImportedAreas, organisationId: number) {
  const { default: Alert } = await import('#models/messaging/alert')
  const { default: DeliveryJobs } = await import('#services/messaging/delivery/delivery_jobs')
  const { DateTime } = await import('luxon')
  const alert = await Alert.create({
    organisationId,
    title: 'Flooding expected on the River Witham tonight',
    body: 'Move valuables upstairs and check on neighbours.',
    priority: 3,
    status: 'sending',
    isPublic: true,
    criteria: { areaIds: areas.districts.map((district) => district.id) },
    sendRequestedAt: DateTime.now(),
  })
  await DeliveryJobs.dispatch(alert.id)
  return alert.id
}

async function unfinishedFanOuts(ids: number[]) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  if (ids.length === 0) return 0
  const rows = await db.from('alerts').whereIn('id', ids).whereNot('status', 'sent').select('id')
  return rows.length
}

function row(label: string, figures: LoadFigures, extra = ''): [string, string] {
  const problems =
    figures.byClass['4xx'] + figures.byClass['5xx'] + figures.timeouts + figures.errors
  return [
    label,
    `${whole(figures.perSecond)} req/s, p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms, ` +
      `4xx ${figures.byClass['4xx']}, 5xx ${figures.byClass['5xx']}, timeouts ${figures.timeouts}` +
      `${figures.errors ? `, errors ${figures.errors}` : ''}${problems ? ' !' : ''}${extra}`,
  ]
}

function signUpRow(label: string, figures: SignUpFigures): [string, string] {
  const sorted = [...figures.secondsEach].sort((a, b) => a - b)
  const p95 = sorted.length ? sorted[Math.ceil(0.95 * sorted.length) - 1] : 0
  return [
    label,
    `${figures.completed}/${figures.started} completed; requests p95 ${figures.p95.toFixed(0)} ms; whole sign-up p95 ${p95.toFixed(2)} s; ` +
      `4xx ${figures.byClass['4xx']}, 5xx ${figures.byClass['5xx']}, timeouts ${figures.timeouts}, errors ${figures.errors}`,
  ]
}

/** Waits until an alert page answers in under 200 ms again (at most a minute). */
async function settle(base: URL) {
  const http = await import('node:http')
  const agent = new http.Agent()
  const until = Date.now() + 60_000
  while (Date.now() < until) {
    const started = Date.now()
    try {
      await request(agent, base, 'GET', '/alerts/feed.cap')
      if (Date.now() - started < 200) break
    } catch {
      // Still busy.
    }
    await sleep(500)
  }
  agent.destroy()
}

interface PhaseResult {
  rows: [string, string][]
  signUps: SignUpFigures
  json: Record<string, unknown>
}

async function measure(
  phase: string,
  paths: string[],
  ceiling: LoadFigures,
  wardIds: number[],
  keepBusy?: () => Promise<void>
): Promise<PhaseResult> {
  const base = new URL(`http://127.0.0.1:${WEB_PORT}`)
  const rows: [string, string][] = []
  const json: Record<string, unknown> = {}
  for (const path of paths) {
    await keepBusy?.()
    const most = await closedLoop(base, path, CONNECTIONS, SECONDS)
    const before = BEFORE[path.replace(/\?.*/, '')]
    const ratios = ` (${((most.perSecond / ceiling.perSecond) * 100).toFixed(0)}% of bare Node${before && !path.includes('?') ? `; ${(most.perSecond / before).toFixed(1)}× before the cache` : ''})`
    rows.push(row(`${phase} ${path}: most`, most, ratios))
    await keepBusy?.()
    const fixed = await openLoop(base, path, RATE, SECONDS)
    rows.push(row(`${phase} ${path}: at ${RATE}/s`, fixed))
    // Requests the client gave up on are still being answered: the next page starts after them.
    await settle(base)
    json[path] = { most, fixed }
  }
  // The same page rendered on every request (a query string never seen before misses the cache).
  await keepBusy?.()
  const rendered = await closedLoop(
    base,
    (index) => `/alerts?visit=${phase}-${index}`,
    CONNECTIONS,
    SECONDS
  )
  const cached = json['/alerts'] as { most: LoadFigures }
  rows.push(
    row(
      `${phase} /alerts rendered each time: most`,
      rendered,
      ` (cached /alerts: ${(cached.most.perSecond / rendered.perSecond).toFixed(1)}× this)`
    )
  )
  json.rendered = rendered
  await keepBusy?.()
  log(`${phase}: ${SIGNUP_RATE} sign-ups a second for ${SIGNUP_SECONDS} s`)
  const signUps = await signUpLoad(
    base,
    SIGNUP_RATE,
    SIGNUP_SECONDS,
    wardIds,
    `${phase}-${process.pid}`
  )
  rows.push(signUpRow(`${phase} sign-ups at ${SIGNUP_RATE}/s`, signUps))
  await settle(base)
  json.signUps = { ...signUps, emails: undefined, secondsEach: undefined }
  // Printed as measured too: a long fan-out wait afterwards must not be able to lose them.
  for (const [label, value] of rows) log(`${label}  ${value}`)
  return { rows, signUps, json }
}

async function main() {
  const sink = new SinkProcess({ latencyMs: 0, port: 0 })
  let app: ApplicationService | null = null
  let server: ReturnType<typeof startProcess> | undefined
  let worker: ReturnType<typeof startProcess> | undefined
  let ceilingServer: ReturnType<typeof startProcess> | undefined
  let failed = false
  // Ctrl+C or a kill still stops what the run started and removes what it made.
  const interrupted = () => {
    for (const running of [server, worker, ceilingServer]) running?.child.kill('SIGTERM')
    sink.child?.kill('SIGTERM')
    removeRedisKeys(PREFIX)
      .catch(() => {})
      .finally(() => process.exit(130))
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)
  try {
    await sink.start()
    setBenchEnvironment(
      DB,
      { pgDatabase: PG_DB, sqliteFile: SQLITE, queuePrefix: PREFIX, smtpPort: sink.port },
      {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.port),
        APP_URL: `http://127.0.0.1:${WEB_PORT}`,
      }
    )
    if (DB === 'sqlite') await removeSqliteFile()
    app = await bootApp()
    await freshSchema(DB)
    const versions = await databaseVersion(DB)
    log(
      `web bench on ${versions}, ${RESIDENTS} residents, ${PROCESSES} web process(es), ${SERVER} server`
    )

    const { default: Organisation } = await import('#models/platform/organisation')
    const areas = await importLincolnshireAreas()
    const organisation = await Organisation.create({
      name: 'Lincolnshire OPCC',
      slug: 'lincolnshire-opcc',
    })
    await seedAudience(areas, organisation.id)
    const alertId = await publishAlerts(areas, organisation.id)
    await analyze()
    const { default: AudienceIndex } = await import('#services/targeting/audience_index')
    await AudienceIndex.rebuild()
    log('seeded; starting the server, a queue worker and the bare Node ceiling')

    server = startServer(sink.port)
    worker = startProcess(['ace', 'queue:work'], { ...(process.env as Record<string, string>) })
    ceilingServer = startCeiling()
    const base = new URL(`http://127.0.0.1:${WEB_PORT}`)
    await waitForAnswer(base, '/alerts', server.output)
    await waitForAnswer(new URL(`http://127.0.0.1:${CEILING_PORT}`), '/', ceilingServer.output)
    const ceiling = await closedLoop(
      new URL(`http://127.0.0.1:${CEILING_PORT}`),
      '/',
      CONNECTIONS,
      SECONDS
    )
    log(`bare Node serves ${whole(ceiling.perSecond)} req/s of a 20 KB page`)

    const paths = [
      '/',
      '/alerts',
      `/alerts/${alertId}`,
      '/alerts/feed.rss',
      '/alerts/feed.cap',
      '/sign-up',
    ]
    const wardIds = areas.wards.map((ward) => ward.id)
    // Warm: the first request of each page renders it.
    for (const path of paths) await waitForAnswer(base, path, server.output)

    const idle = await measure('idle', paths, ceiling, wardIds)
    // With no fan-out yet, everything at the sink is a confirmation email.
    const idleUntil = Date.now() + 5 * 60_000
    let idleMail = await sink.count()
    while (idleMail.accepted < idle.signUps.completed && Date.now() < idleUntil) {
      await sleep(1000)
      idleMail = await sink.count()
    }
    await sleep(3000)
    idleMail = await sink.count()
    const idleOnce =
      idleMail.accepted === idle.signUps.completed && idleMail.recipients === idle.signUps.completed
    log(
      `idle: ${idleMail.accepted} confirmation mails to ${idleMail.recipients} addresses for ${idle.signUps.completed} sign-ups${idleOnce ? ' (each once)' : ' !'}`
    )
    const fanOuts: number[] = []
    const keepBusy = async () => {
      if ((await unfinishedFanOuts(fanOuts)) === 0) {
        fanOuts.push(await startFanOut(areas, organisation.id))
        log(`fan-out ${fanOuts.length} to ${whole(RESIDENTS)} residents started`)
        await sleep(3000)
      }
    }
    await keepBusy()
    const busy = await measure('fan-out', paths, ceiling, wardIds, keepBusy)
    const stillRunning = await unfinishedFanOuts(fanOuts)
    log(`measured; waiting for ${stillRunning} fan-out(s) and the confirmation emails to finish`)
    const until = Date.now() + WAIT_MINUTES * 60_000
    while ((await unfinishedFanOuts(fanOuts)) > 0 && Date.now() < until) await sleep(1000)
    let last = -1
    let counts = await sink.count()
    while (counts.accepted !== last && Date.now() < until) {
      last = counts.accepted
      await sleep(3000)
      counts = await sink.count()
    }
    const signedUp = idle.signUps.completed + busy.signUps.completed
    const fanOutMails = fanOuts.length * RESIDENTS
    const confirmationMails = counts.accepted - fanOutMails
    const distinctConfirmations = counts.recipients - RESIDENTS
    const finished = (await unfinishedFanOuts(fanOuts)) === 0
    const onceEach =
      idleOnce &&
      (!finished || (confirmationMails === signedUp && distinctConfirmations === signedUp))

    printTable(
      `Public site: ${versions}, ${whole(RESIDENTS)} residents, ${PROCESSES} web process(es) (${SERVER}), Node ${process.versions.node}, ${cpus().length} cores`,
      [
        [
          'bare Node, 20 KB page (the ceiling)',
          `${whole(ceiling.perSecond)} req/s, p95 ${ceiling.p95.toFixed(1)} ms`,
        ],
        ...idle.rows,
        ...busy.rows,
        ['fan-outs run during the measurement', `${fanOuts.length} × ${whole(RESIDENTS)}`],
        [
          'confirmation emails, idle sign-ups',
          `${idleMail.accepted} mails to ${idleMail.recipients} addresses for ${idle.signUps.completed} sign-ups${idleOnce ? ' (each once)' : ' !'}`,
        ],
        [
          'confirmation emails, all sign-ups',
          finished
            ? `${confirmationMails} mails to ${distinctConfirmations} addresses for ${signedUp} completed sign-ups${confirmationMails === signedUp && distinctConfirmations === signedUp ? ' (each once)' : ' !'}`
            : `not counted: the fan-out did not finish within --wait-minutes ${WAIT_MINUTES}`,
        ],
        ['load average at end', loadAverage()],
      ]
    )
    if (flags.json) {
      console.log(
        JSON.stringify({
          benchmark: 'web',
          db: versions,
          processes: PROCESSES,
          ceiling,
          idle: idle.json,
          fanOut: busy.json,
          confirmationMails,
          distinctConfirmations,
          signedUp,
        })
      )
    }
    if (!onceEach) failed = true
  } catch (error) {
    console.error(`ERROR: ${(error as Error).stack ?? error}`)
    failed = true
  } finally {
    await stopProcess(server?.child)
    await stopProcess(worker?.child)
    await stopProcess(ceilingServer?.child)
    await sink.stop()
    await removeRedisKeys(PREFIX).catch((error) =>
      console.error(`Redis keys under ${PREFIX} not removed: ${error.message}`)
    )
    await app?.terminate()
    if (DB === 'sqlite') await removeSqliteFile()
    else
      await dropPostgresDatabase().catch((error) =>
        console.error(`${PG_DB} not dropped: ${error.message}`)
      )
  }
  process.exit(failed ? 1 : 0)
}

async function dropPostgresDatabase() {
  const { default: pg } = await import('pg')
  const client = new pg.Client({
    host: process.env.PG_HOST ?? '127.0.0.1',
    port: Number(process.env.PG_PORT ?? 5432),
    user: process.env.PG_USER ?? 'postgres',
    password: process.env.PG_PASSWORD || undefined,
    database: 'postgres',
  })
  await client.connect()
  try {
    await client.query(`drop database if exists "${PG_DB.replaceAll('"', '')}" with (force)`)
  } finally {
    await client.end()
  }
}

await main()
