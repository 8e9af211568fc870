/*
| Fan-out benchmark: how fast does one alert reach N residents by email, end
| to end, against the machine's real limit for mail into the same SMTP sink
| (measured in the same run, see smtp_limit.ts)?
|
|   npm run bench:fanout -- --residents 100000 --db pg [--workers 1] [--smtp-latency-ms 20]
|
| See docs/performance.md for what it measures and the figures.
*/
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { ApplicationService } from '@adonisjs/core/types'
import { SinkProcess } from './smtp_sink.ts'
import { measureLimit, type Limit } from './smtp_limit.ts'
import {
  APP_ROOT,
  analyze,
  autovacuumIsOff,
  cpuBetween,
  cpuOfProcesses,
  bootApp,
  databaseKind,
  databaseVersion,
  freshSchema,
  importLincolnshireAreas,
  loadAverage,
  log,
  megabytes,
  positiveInteger,
  printTable,
  procCpuSeconds,
  procStatusKb,
  benchNames,
  cleanUpOnSignal,
  removeBenchData,
  removeSqliteFile,
  reportLeftovers,
  seconds,
  seedResidents,
  setBenchEnvironment,
  whole,
  type DatabaseKind,
  type ImportedAreas,
} from './support.ts'

const { values: flags } = parseArgs({
  options: {
    'residents': { type: 'string', short: 'n' },
    'db': { type: 'string' },
    'workers': { type: 'string' },
    'timeout': { type: 'string' },
    'time-limit': { type: 'string' },
    'smtp-latency-ms': { type: 'string' },
    'pool': { type: 'string' },
    'limit-seconds': { type: 'string' },
    'limit-max-connections': { type: 'string' },
    'keep': { type: 'boolean', default: false },
    'dispatch-only': { type: 'boolean', default: false },
    'analyze-every': { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    'json': { type: 'boolean', default: false },
  },
})

const RESIDENTS = positiveInteger('residents', flags.residents, 10_000)
const DB: DatabaseKind = databaseKind(flags.db)
const WORKERS = positiveInteger('workers', flags.workers, 1)
// With no progress at all for this long, the run is declared stuck.
const STALL_SECONDS = positiveInteger('timeout', flags.timeout, 300)
// Stops Beacon's run after this many seconds and reports what it reached (for N too large to finish).
const TIME_LIMIT_SECONDS = flags['time-limit']
  ? positiveInteger('time-limit', flags['time-limit'], 1)
  : null
// The sink's delay before each reply, as a relay across the internet would have.
const LATENCY_MS = flags['smtp-latency-ms']
  ? positiveInteger('smtp-latency-ms', flags['smtp-latency-ms'], 0)
  : 0
// Beacon's SMTP pool, passed to the worker as SMTP_POOL_CONNECTIONS (unset: Beacon's default).
const POOL = flags.pool ? positiveInteger('pool', flags.pool, 5) : null
// Each step of the limit's sweep sends N mails at most, for this long at most.
const LIMIT_SECONDS = positiveInteger('limit-seconds', flags['limit-seconds'], 5)
const LIMIT_MAX_CONNECTIONS = positiveInteger(
  'limit-max-connections',
  flags['limit-max-connections'],
  1280
)
const NAMES = benchNames({ pgDatabase: 'beacon_bench', sqliteFile: 'tmp/bench.sqlite3' })
// ANALYZE deliveries every so many seconds while sending, as autovacuum would where it is on.
const ANALYZE_EVERY_SECONDS = flags['analyze-every']
  ? positiveInteger('analyze-every', flags['analyze-every'], 60)
  : null
const WORKER_READY = 'Beacon worker is processing'

const TITLE = 'Flooding expected on the River Witham tonight'
const BODY = [
  'The Environment Agency has issued a flood warning for the River Witham between Lincoln and Boston.',
  'Water levels are expected to peak overnight. Move valuables upstairs, keep your phone charged and',
  'do not walk or drive through flood water. If you are in immediate danger, call 999.',
  '',
  'We will send another alert when the warning is lifted.',
].join('\n')

interface Worker {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function startWorker(index: number): Worker {
  const profile = flags['cpu-prof']
    ? ['--cpu-prof', '--cpu-prof-dir', new URL('tmp/bench-profiles/', APP_ROOT).pathname]
    : []
  const child = spawn(process.execPath, [...profile, 'ace', 'queue:work'], {
    cwd: APP_ROOT,
    env: {
      ...process.env,
      PG_APPLICATION_NAME: `beacon-bench-worker-${index}`,
      ...(POOL ? { SMTP_POOL_CONNECTIONS: String(POOL) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    // Only the start of the output matters, and a long run must not grow it without bound.
    if (output.length < 100_000) output += chunk.toString()
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

async function waitUntilProcessing(worker: Worker) {
  const until = Date.now() + 120_000
  while (!worker.output().includes(WORKER_READY)) {
    if (worker.child.exitCode !== null) {
      throw new Error(`The worker exited before processing:\n${worker.output()}`)
    }
    if (Date.now() > until) throw new Error(`The worker did not start:\n${worker.output()}`)
    await sleep(50)
  }
}

async function stopWorker(worker: Worker) {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return
  worker.child.kill('SIGTERM')
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 15_000)
  await worker.exited
  clearTimeout(timer)
}

/** A PostgreSQL backend serving the benchmark's database (its workers' and its own connections). */
function isBenchDatabaseProcess(commandLine: string) {
  return commandLine.startsWith('postgres: ') && commandLine.includes(` ${NAMES.pgDatabase} `)
}

function isRedisServer(commandLine: string) {
  return commandLine.startsWith('redis-server')
}

function sleep(milliseconds: number) {
  return new Promise((resolve) => setTimeout(resolve, milliseconds))
}

/** N residents, each active with an email, in one ward and its district, consenting to the organisation. */
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
    seeded: (last) => {
      if (last % 100_000 === 0 || (last === RESIDENTS && RESIDENTS >= 100_000)) {
        log(`seeded ${whole(last)} residents`)
      }
    },
  })
}

/**
 * The mail Beacon sends for this alert, built by Beacon's own email channel and MimeTemplate
 * once, with a placeholder where each mail's recipient number goes (in To and Message-ID):
 * the raw senders of the limit send exactly this, only that substituted.
 */
async function rawMessage(organisationName: string) {
  const { default: app } = await import('@adonisjs/core/services/app')
  const { default: AlertLinks } = await import('#services/messaging/alert_links')
  const { default: EmailChannel } = await import('#channels/messaging/email_channel')
  const { default: MimeTemplate } = await import('#services/messaging/mime_template')
  const { markdownToHtml, markdownToText } = await import('#services/messaging/alert_markdown')
  const { DEFAULT_BRAND_COLOUR } =
    await import('#services/platform/organisations/organisation_branding')
  const { RECIPIENT_TOKENS } = await import('#contracts/channel')
  const { default: recipientLinks } = await import('#services/messaging/recipient_links')
  const { escapeHtml } = await import('#services/messaging/alert_markdown')
  const { default: env } = await import('#start/env')
  // As in a worker: signed links need the named routes committed.
  const router = await app.container.make('router')
  router.commit()
  const variant = await new EmailChannel().render(
    {
      id: 0,
      title: TITLE,
      bodyMarkdown: BODY,
      bodyHtml: markdownToHtml(BODY),
      bodyText: markdownToText(BODY),
      priority: 2,
      priorityLabel: 'Advice',
      branding: {
        organisationName,
        senderName: organisationName,
        colour: DEFAULT_BRAND_COLOUR,
        footer: null,
        logoUrl: null,
      },
      publicUrl: null,
      alertsUrl: 'http://localhost:3333/my-alerts/received',
    },
    'en'
  )
  const address = env.get('MAIL_FROM_ADDRESS', 'alerts@beacon.localhost')
  const placeholder = '%%BENCH_RECIPIENT%%'
  const unsubscribeUrl = AlertLinks.unsubscribePage(RESIDENTS)
  const name = `Resident ${RESIDENTS}`
  // The footer's per-recipient links (rating the alert), as the channel fills them.
  const links = recipientLinks.valuesFor(RESIDENTS, 1)
  const htmlLinks = Object.fromEntries(
    Object.entries(links).map(([token, url]) => [token, escapeHtml(url)])
  )
  const raw = new MimeTemplate({
    from: { name: organisationName, address },
    subject: variant.subject!,
    text: variant.text,
    html: variant.html,
  }).render({
    to: `resident-${placeholder}@bench.example`,
    messageId: `<beacon.0.${placeholder}@${address.split('@')[1]}>`,
    headers: {
      'List-Unsubscribe': `<${AlertLinks.oneClickUnsubscribe(RESIDENTS)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Beacon-Delivery': String(RESIDENTS),
    },
    text: {
      ...links,
      [RECIPIENT_TOKENS.unsubscribeUrl]: unsubscribeUrl,
      [RECIPIENT_TOKENS.name]: name,
    },
    html: {
      ...htmlLinks,
      [RECIPIENT_TOKENS.unsubscribeUrl]: unsubscribeUrl,
      [RECIPIENT_TOKENS.name]: name,
    },
  })
  return { raw, from: address, placeholder }
}

/**
 * Runs the dispatch once in this process to show why the worker's failed:
 * the worker does not log a failed job. The benchmark stops either way.
 */
async function dispatchError(alertId: number) {
  const { default: AlertDispatcher } = await import('#services/messaging/delivery/alert_dispatcher')
  try {
    await AlertDispatcher.dispatch(alertId)
    return 'Run again in this process, it did not fail.'
  } catch (error) {
    // Knex puts the whole statement in front of the database's message.
    const text = (error as Error).message
    const dash = text.lastIndexOf(' - ')
    const reason = dash > 0 ? `${text.slice(dash + 3)} (in: ${text.slice(0, 60)}…)` : text
    return `Run again in this process, it fails with: ${reason}`
  }
}

interface BeaconFigures {
  finished: boolean
  dispatchMs: number | null
  endToEndMs: number
  firstMailMs: number | null
  accepted: number
  recipients: number
  peakRssKb: (number | null)[]
  workerCpuSeconds: (number | null)[]
  databaseCpuSeconds: number | null
  redisCpuSeconds: number
  byStatus: Record<string, number>
  /** Deliveries the dispatch wrote (the alert's audience count). */
  dispatchTotal: number
}

async function beaconRun(
  sink: SinkProcess,
  areas: ImportedAreas,
  organisationId: number,
  workers: Worker[]
): Promise<BeaconFigures> {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: env } = await import('#start/env')
  const { default: Alert } = await import('#models/messaging/alert')
  const { DateTime } = await import('luxon')
  const { default: BeeQueue } = await import('bee-queue')

  const alert = await Alert.create({
    organisationId,
    title: TITLE,
    body: BODY,
    priority: 2,
    status: 'sending',
    criteria: { areaIds: areas.districts.map((district) => district.id) },
    sendRequestedAt: DateTime.now(),
  })
  await sink.reset()

  if (flags['cpu-prof']) await mkdir(new URL('tmp/bench-profiles/', APP_ROOT), { recursive: true })
  for (let index = 0; index < WORKERS; index++) workers.push(startWorker(index + 1))
  await Promise.all(workers.map(waitUntilProcessing))
  log(`${WORKERS} worker(s) processing; enqueuing the dispatch of message ${alert.id}`)

  const producer = new BeeQueue('dispatch', {
    prefix: env.get('QUEUE_PREFIX'),
    redis: { host: env.get('REDIS_HOST'), port: env.get('REDIS_PORT') },
    isWorker: false,
    getEvents: false,
    // getJob must ask Redis, not this producer's memory, whether the job is still there.
    storeJobs: false,
  })
  const jobId = `alert-${alert.id}`
  // Booting a worker costs CPU too; only what it uses from here on counts.
  const cpuAtStart = await Promise.all(workers.map((worker) => procCpuSeconds(worker.child.pid!)))
  const databaseCpuAtStart = await cpuOfProcesses(isBenchDatabaseProcess)
  const redisCpuAtStart = await cpuOfProcesses(isRedisServer)
  const started = performance.now()
  try {
    // Like DeliveryJobs.dispatch: the job id is the message id.
    await producer
      .createJob({ alertId: alert.id })
      .setId(jobId)
      .timeout(30 * 60_000)
      .save()
  } catch (error) {
    await producer.close()
    throw error
  }

  let finished = true
  let dispatchMs: number | null = null
  let firstMailMs: number | null = null
  let lastAccepted = 0
  let lastProgressAt = performance.now()
  let lastReportAt = performance.now()
  let lastJobCheckAt = performance.now()
  let lastAnalyzeAt = performance.now()
  const readAlert = () =>
    db
      .from('alerts')
      .where('id', alert.id)
      .select('status', 'dispatched_at', 'status_reason')
      .first()
  try {
    while (true) {
      await sleep(100)
      const now = performance.now()
      const row = await readAlert()
      if (dispatchMs === null && row.dispatched_at) {
        dispatchMs = now - started
        log(`dispatched after ${seconds(dispatchMs)}`)
      }
      if (row.status === 'sent') break
      if (TIME_LIMIT_SECONDS !== null && now - started > TIME_LIMIT_SECONDS * 1000) {
        log(`stopping: --time-limit ${TIME_LIMIT_SECONDS} s reached before the message was sent`)
        finished = false
        break
      }
      if (row.status !== 'sending') {
        throw new Error(`The message is ${row.status}: ${row.status_reason ?? 'no reason given'}`)
      }
      const dead = workers.find((worker) => worker.child.exitCode !== null)
      if (dead) throw new Error(`A worker exited with ${dead.child.exitCode}:\n${dead.output()}`)

      // A failed job leaves no trace in the worker's log: it is only gone from Redis.
      if (dispatchMs === null && now - lastJobCheckAt > 1000) {
        lastJobCheckAt = now
        const job = await producer.getJob(jobId)
        const latest = job ? null : await readAlert()
        if (latest && !latest.dispatched_at) {
          throw new Error(
            `The dispatch job ended without dispatching. ${await dispatchError(alert.id)}`
          )
        }
      }

      const { accepted } = await sink.count()
      if (accepted > 0 && firstMailMs === null) firstMailMs = now - started
      if (accepted !== lastAccepted) {
        lastAccepted = accepted
        lastProgressAt = now
      } else if (now - lastProgressAt > STALL_SECONDS * 1000) {
        throw new Error(
          `No mail for ${STALL_SECONDS} s (${accepted} of ${RESIDENTS} so far). Worker output:\n${workers.map((worker) => worker.output()).join('\n')}`
        )
      }
      if (ANALYZE_EVERY_SECONDS !== null && now - lastAnalyzeAt > ANALYZE_EVERY_SECONDS * 1000) {
        lastAnalyzeAt = now
        await db.rawQuery('ANALYZE deliveries')
      }
      if (now - lastReportAt > 10_000) {
        lastReportAt = now
        const rate = accepted / ((now - started) / 1000)
        log(`${whole(accepted)} of ${whole(RESIDENTS)} mails (${whole(rate)}/s so far)`)
      }
    }
  } finally {
    await producer.close()
  }
  const endToEndMs = performance.now() - started

  // Every mail was accepted before its row was marked sent; the count is final.
  const { accepted, recipients } = await sink.count()
  const peakRssKb = await Promise.all(
    workers.map((worker) => procStatusKb(worker.child.pid!, 'VmHWM'))
  )
  const workerCpuSeconds = await Promise.all(
    workers.map(async (worker, index) => {
      const total = await procCpuSeconds(worker.child.pid!)
      return total === null ? null : total - (cpuAtStart[index] ?? 0)
    })
  )
  const databaseCpuSeconds =
    DB === 'pg'
      ? cpuBetween(databaseCpuAtStart, await cpuOfProcesses(isBenchDatabaseProcess))
      : null
  const redisCpuSeconds = cpuBetween(redisCpuAtStart, await cpuOfProcesses(isRedisServer))
  const statusRows = await db
    .from('deliveries')
    .where('alert_id', alert.id)
    .groupBy('status')
    .select('status')
    .count('* as total')
  const byStatus = Object.fromEntries(statusRows.map((row) => [row.status, Number(row.total)]))
  const counted = await db.from('alerts').where('id', alert.id).select('audience_count').first()

  return {
    finished,
    dispatchMs,
    endToEndMs,
    firstMailMs,
    accepted,
    recipients,
    peakRssKb,
    workerCpuSeconds,
    databaseCpuSeconds,
    redisCpuSeconds,
    byStatus,
    dispatchTotal: Number(counted?.audience_count ?? 0),
  }
}

/**
 * The dispatch alone, in this process: the deliveries written and their send jobs enqueued in
 * Redis, no worker sending beside it (in a real send they share the worker and the database).
 */
async function dispatchOnly(areas: ImportedAreas, organisationId: number, versions: string) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: Alert } = await import('#models/messaging/alert')
  const { default: AlertDispatcher } = await import('#services/messaging/delivery/alert_dispatcher')
  const { DateTime } = await import('luxon')
  const { default: app } = await import('@adonisjs/core/services/app')
  // As in a worker: the variants' signed links need the named routes committed.
  const router = await app.container.make('router')
  router.commit()
  const alert = await Alert.create({
    organisationId,
    title: TITLE,
    body: BODY,
    priority: 2,
    status: 'sending',
    criteria: { areaIds: areas.districts.map((district) => district.id) },
    sendRequestedAt: DateTime.now(),
  })
  const cpuBefore = process.cpuUsage()
  const databaseCpuBefore = await cpuOfProcesses(isBenchDatabaseProcess)
  const started = performance.now()
  await AlertDispatcher.dispatch(alert.id)
  const elapsed = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  const databaseCpu =
    DB === 'pg' ? cpuBetween(databaseCpuBefore, await cpuOfProcesses(isBenchDatabaseProcess)) : null
  const row = await db.from('deliveries').where('alert_id', alert.id).count('* as total').first()
  const total = Number(row?.total ?? 0)
  printTable(
    `Dispatch only: ${whole(RESIDENTS)} residents, ${versions}, Node ${process.versions.node}`,
    [
      [
        'deliveries written',
        `${whole(total)}${total === RESIDENTS ? ' (= N)' : ` (N = ${whole(RESIDENTS)}!)`}`,
      ],
      ['time to dispatch', seconds(elapsed)],
      ['deliveries/s', `${whole(total / (elapsed / 1000))}/s`],
      ['this process CPU', `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`],
      ['PostgreSQL backends CPU', databaseCpu === null ? 'n/a' : `${databaseCpu.toFixed(1)} s`],
      ['load average', loadAverage()],
    ]
  )
  if (total !== RESIDENTS)
    throw new Error(`The dispatch wrote ${total} deliveries, not ${RESIDENTS}`)
}

function limitRows(limit: Limit): [string, string][] {
  return limit.steps.map((step) => [
    `  ${limit.processes} process${limit.processes > 1 ? 'es' : ''} × ${step.connections} connections${step === limit.best ? ' (best)' : ''}`,
    `${whole(step.perSecond)} mails/s (${whole(step.sent)} in ${seconds(step.elapsedMs)}, ${whole(step.cpuMicrosPerMail)} µs CPU a mail)`,
  ])
}

async function main() {
  const workers: Worker[] = []
  const sink = new SinkProcess({ latencyMs: LATENCY_MS, port: NAMES.smtpPort })
  let app: ApplicationService | null = null
  let failed = false
  cleanUpOnSignal(async () => {
    await Promise.all(workers.map(stopWorker))
    await sink.stop()
    await app?.terminate()
    if (!flags.keep) {
      await removeBenchData(NAMES, DB)
      await reportLeftovers(NAMES)
    }
  })

  try {
    await sink.start()
    setBenchEnvironment(DB, NAMES, {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      // Links in the mails as long as a real install's.
      APP_URL: 'https://alerts.beacon.example',
    })
    if (DB === 'sqlite') await removeSqliteFile()
    const loadAtStart = loadAverage()
    app = await bootApp()
    await freshSchema(DB)
    const versions = await databaseVersion(DB)
    log(
      `fan-out to ${whole(RESIDENTS)} residents on ${versions}, SMTP sink on port ${sink.port} (${LATENCY_MS} ms a reply)`
    )
    if (ANALYZE_EVERY_SECONDS === null && (await autovacuumIsOff(DB))) {
      log(
        'autovacuum is off on this server: pass --analyze-every 60 to keep the statistics of deliveries as it would'
      )
    }

    const { default: Organisation } = await import('#models/platform/organisation')
    const seedStarted = performance.now()
    const areas = await importLincolnshireAreas()
    const organisation = await Organisation.create({
      name: 'Lincolnshire OPCC',
      slug: 'lincolnshire-opcc',
    })
    await seedAudience(areas, organisation.id)
    await analyze()
    const seedMs = performance.now() - seedStarted
    log(`seeded in ${seconds(seedMs)}`)

    // An install builds its audience index once after an import, not in the middle of a send.
    const { default: AudienceIndex } = await import('#services/targeting/audience_index')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const indexStarted = performance.now()
    await AudienceIndex.rebuild()
    const indexMs = performance.now() - indexStarted
    const indexBuilds = async () => {
      const row = await db.from('audience_index').max('id as id').first()
      return Number(row?.id ?? 0)
    }
    const buildsBeforeSend = await indexBuilds()
    log(`audience index built in ${seconds(indexMs)}`)

    if (flags['dispatch-only']) {
      await dispatchOnly(areas, organisation.id, versions)
      return
    }

    const message = await rawMessage(organisation.name)
    const limitOptions = {
      mails: RESIDENTS,
      seconds: LIMIT_SECONDS,
      maxConnections: LIMIT_MAX_CONNECTIONS,
    }
    log("the machine's limit: Beacon's raw MIME message, nodemailer pool, into the same sink")
    const limitOne = await measureLimit(sink, message, { ...limitOptions, processes: 1 })
    const limitTwo = await measureLimit(sink, message, { ...limitOptions, processes: 2 })

    log('Beacon: dispatch job → send jobs → SMTP sink')
    const beacon = await beaconRun(sink, areas, organisation.id, workers)
    const rebuildsDuringSend = (await indexBuilds()) - buildsBeforeSend
    // A run stopped by --time-limit is measured by what the sink accepted so far.
    const perSecond = beacon.accepted / (beacon.endToEndMs / 1000)
    const sinkCpu = await procCpuSeconds(sink.child.pid!)
    const countIsRight = beacon.accepted === RESIDENTS && beacon.recipients === RESIDENTS
    const statistics =
      ANALYZE_EVERY_SECONDS !== null
        ? `ANALYZE every ${ANALYZE_EVERY_SECONDS} s by the benchmark`
        : DB === 'sqlite'
          ? 'as of the ANALYZE after seeding'
          : (await autovacuumIsOff(DB))
            ? 'as of the ANALYZE after seeding: autovacuum is OFF on this server'
            : 'kept by autovacuum'

    const peak = Math.max(...beacon.peakRssKb.map((value) => value ?? 0))
    const cpu = beacon.workerCpuSeconds.reduce<number>((sum, value) => sum + (value ?? 0), 0)
    const beaconMicrosPerMail = beacon.accepted ? (cpu * 1e6) / beacon.accepted : 0
    const dispatchRate =
      beacon.dispatchMs === null ? null : beacon.dispatchTotal / (beacon.dispatchMs / 1000)
    printTable(
      `Fan-out: ${whole(RESIDENTS)} residents, ${versions}, Node ${process.versions.node}, ${WORKERS} worker(s), sink ${LATENCY_MS} ms a reply`,
      [
        [
          'seeding (areas, residents, ANALYZE)',
          `${seconds(seedMs)} (${whole(RESIDENTS / (seedMs / 1000))} residents/s)`,
        ],
        [
          'audience index (before the send / rebuilt during it)',
          `built in ${seconds(indexMs)} / ${rebuildsDuringSend === 0 ? 'never' : `${rebuildsDuringSend} times!`}`,
        ],
        ['mail size (raw MIME, bytes)', whole(Buffer.byteLength(message.raw))],
        ["limit: Beacon's raw message, nodemailer pool, same sink", ''],
        ...limitRows(limitOne),
        ...limitRows(limitTwo),
        [
          'Beacon: SMTP pool',
          POOL ? `SMTP_POOL_CONNECTIONS=${POOL} given to the worker(s)` : "Beacon's default",
        ],
        [
          'Beacon: first mail after',
          beacon.firstMailMs === null ? 'n/a' : seconds(beacon.firstMailMs),
        ],
        [
          'Beacon: time to dispatch',
          beacon.dispatchMs === null
            ? 'not dispatched yet'
            : `${seconds(beacon.dispatchMs)} (${whole(dispatchRate!)} deliveries/s, sending alongside)`,
        ],
        [
          beacon.finished ? 'Beacon: end to end' : 'Beacon: stopped by --time-limit after',
          seconds(beacon.endToEndMs),
        ],
        [
          beacon.finished
            ? 'Beacon: deliveries/s end to end'
            : 'Beacon: deliveries/s until stopped',
          `${whole(perSecond)}/s`,
        ],
        [
          'Beacon / limit of one process',
          `${((perSecond / limitOne.best.perSecond) * 100).toFixed(0)}% (of ${whole(limitOne.best.perSecond)}/s)`,
        ],
        [
          'Beacon / limit of two processes',
          `${((perSecond / limitTwo.best.perSecond) * 100).toFixed(0)}% (of ${whole(limitTwo.best.perSecond)}/s)`,
        ],
        [
          'CPU a mail: Beacon worker(s) / raw sender (best step, one process)',
          `${whole(beaconMicrosPerMail)} µs / ${whole(limitOne.best.cpuMicrosPerMail)} µs`,
        ],
        [
          'sink count',
          `${whole(beacon.accepted)} mails to ${whole(beacon.recipients)} addresses${countIsRight ? ' (= N)' : ` (N = ${whole(RESIDENTS)}!)`}`,
        ],
        [
          'deliveries by status',
          Object.entries(beacon.byStatus)
            .map(([status, total]) => `${status} ${whole(total)}`)
            .join(', '),
        ],
        ['worker peak RSS (VmHWM)', beacon.peakRssKb.map(megabytes).join(', ')],
        [
          'worker CPU, enqueue to end',
          `${cpu.toFixed(1)} s (${((cpu / (beacon.endToEndMs / 1000)) * 100).toFixed(0)}% of one core)`,
        ],
        [
          'PostgreSQL backends CPU, enqueue to end',
          beacon.databaseCpuSeconds === null
            ? 'n/a (SQLite runs in the worker)'
            : `${beacon.databaseCpuSeconds.toFixed(1)} s`,
        ],
        [
          'Redis server CPU, enqueue to end',
          `${beacon.redisCpuSeconds.toFixed(1)} s (the server may be shared)`,
        ],
        ['sink CPU (whole run)', sinkCpu === null ? 'n/a' : `${sinkCpu.toFixed(1)} s`],
        ['statistics of deliveries while sending', statistics],
        ['load average at start / end', `${loadAtStart} → ${loadAverage()}`],
      ]
    )
    if (flags.json) {
      console.log(
        JSON.stringify({
          benchmark: 'fanout',
          residents: RESIDENTS,
          db: versions,
          node: process.versions.node,
          workers: WORKERS,
          latencyMs: LATENCY_MS,
          pool: POOL,
          seedMs: Math.round(seedMs),
          limitOne: limitOne.steps,
          limitTwo: limitTwo.steps,
          finished: beacon.finished,
          dispatchMs: beacon.dispatchMs === null ? null : Math.round(beacon.dispatchMs),
          endToEndMs: Math.round(beacon.endToEndMs),
          perSecond: Math.round(perSecond),
          ofLimitOne: Number((perSecond / limitOne.best.perSecond).toFixed(3)),
          ofLimitTwo: Number((perSecond / limitTwo.best.perSecond).toFixed(3)),
          beaconMicrosPerMail: Math.round(beaconMicrosPerMail),
          sinkCount: beacon.accepted,
          peakRssKb: peak,
          workerCpuSeconds: cpu,
          databaseCpuSeconds: beacon.databaseCpuSeconds,
          redisCpuSeconds: beacon.redisCpuSeconds,
        })
      )
    }
    if (!countIsRight) {
      const why = beacon.finished ? '' : ' (the run was stopped by --time-limit)'
      console.error(
        `ERROR: the sink accepted ${beacon.accepted} mails to ${beacon.recipients} addresses; expected exactly ${RESIDENTS}${why}.`
      )
      failed = true
    }
  } catch (error) {
    console.error(`ERROR: ${(error as Error).stack ?? error}`)
    failed = true
  } finally {
    await Promise.all(workers.map(stopWorker))
    await sink.stop()
    await app?.terminate()
    if (!flags.keep) {
      await removeBenchData(NAMES, DB).catch((error) =>
        console.error(`Could not remove the benchmark's data: ${error.message}`)
      )
      const left = await reportLeftovers(NAMES)
      if (left.length) failed = true
    }
  }
  if (flags['cpu-prof']) log('worker CPU profiles are in tmp/bench-profiles/')
  process.exit(failed ? 1 : 0)
}

await main()
