/*
| Push benchmark: how fast does one alert reach N browsers by web push, end to
| end (dispatch job → ledger → send jobs → the push channel → a push service),
| against raw web-push sendNotification calls into the same push service in
| the same run?
|
|   npm run bench:push -- [--browsers 10000] [--db sqlite|pg] [--in-flight 400] [--cpu-prof]
|
| Environment: BENCH_SQLITE_FILE, BENCH_PG_DB, BENCH_QUEUE_PREFIX (defaults keep
| clear of the tests'). See docs/performance.md for what it measures.
*/
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process'
import { createECDH, randomBytes } from 'node:crypto'
import https from 'node:https'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
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
  procCpuSeconds,
  removeRedisKeys,
  removeSqliteFile,
  seconds,
  seedResidents,
  setBenchEnvironment,
  whole,
  type DatabaseKind,
} from './support.ts'

const { values: flags } = parseArgs({
  options: {
    'browsers': { type: 'string', short: 'n' },
    'db': { type: 'string' },
    'in-flight': { type: 'string' },
    'json': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
  },
})

const BROWSERS = positiveInteger('browsers', flags.browsers, 10_000)
const DB: DatabaseKind = databaseKind(flags.db)
// The push channel's send jobs: 4 at once × 100 deliveries, each pushed at once.
const IN_FLIGHT = positiveInteger('in-flight', flags['in-flight'], 400)
const WORKER_READY = 'Beacon worker is processing'
const TITLE = 'Flooding expected on the River Witham tonight'
const BODY =
  'The Environment Agency has issued a flood warning for the River Witham. Move valuables upstairs and do not drive through flood water.'

function sleep(milliseconds: number) {
  return new Promise((resolve) => setTimeout(resolve, milliseconds))
}

/** A throwaway self-signed certificate for 127.0.0.1: web-push speaks only HTTPS. */
function certificate() {
  const folder = mkdtempSync(join(tmpdir(), 'bench-push-'))
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(folder, 'key.pem'),
      '-out',
      join(folder, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' }
  )
  return {
    folder,
    certFile: join(folder, 'cert.pem'),
    cert: readFileSync(join(folder, 'cert.pem'), 'utf8'),
    key: readFileSync(join(folder, 'key.pem'), 'utf8'),
  }
}

/** The push service in its own process, asked for its count over IPC. */
class PushServiceProcess {
  child!: ChildProcess
  port = 0
  #waiting = new Map<string, ((reply: any) => void)[]>()

  async start(cert: string, key: string) {
    this.child = fork(new URL('./push_service_process.ts', import.meta.url), [], {
      execArgv: ['--import', '@poppinss/ts-exec'],
      env: { ...process.env, PUSH_TLS_CERT: cert, PUSH_TLS_KEY: key },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (reply: { type: string }) => {
      this.#waiting.get(reply.type)?.shift()?.(reply)
    })
    const ready = await this.#ask<{ port: number }>('ready', false)
    this.port = ready.port
  }

  #ask<T>(type: string, send = true) {
    const answer = new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The push service did not answer "${type}"`)),
        30_000
      )
      const list = this.#waiting.get(type) ?? []
      list.push((reply) => {
        clearTimeout(timer)
        resolve(reply)
      })
      this.#waiting.set(type, list)
    })
    if (send) this.child.send({ type })
    return answer
  }

  count() {
    return this.#ask<{ accepted: number; endpoints: number; vapidHeaders: number }>('count')
  }

  async reset() {
    await this.#ask('reset')
  }

  async stop() {
    if (!this.child || this.child.exitCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    if (this.child.connected) this.child.send({ type: 'stop' })
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
}

interface Browser {
  endpoint: string
  keys: { p256dh: string; auth: string }
}

function browsers(port: number): Browser[] {
  return Array.from({ length: BROWSERS }, (_, index) => {
    const ecdh = createECDH('prime256v1')
    ecdh.generateKeys()
    return {
      endpoint: `https://127.0.0.1:${port}/push/${index}`,
      keys: {
        p256dh: ecdh.getPublicKey().toString('base64url'),
        auth: randomBytes(16).toString('base64url'),
      },
    }
  })
}

/** N residents in one ward, each with one browser subscribed and no email. */
async function seed(organisationId: number, subscribed: Browser[]) {
  const { default: contacts } = await import('#services/residents/contacts/resident_contacts')
  const areas = await importLincolnshireAreas()
  const ward = areas.wards[0]
  await seedResidents({
    kind: DB,
    count: BROWSERS,
    organisationId,
    areasOf: () => [ward.id, ward.parentId],
    emailOf: () => null,
  })
  // Through the core's contact book, as the opt-in stores them (encrypted).
  for (let id = 1; id <= BROWSERS; id++) {
    await contacts.add({
      residentId: id,
      kind: 'push_subscription',
      value: JSON.stringify(subscribed[id - 1]),
      label: 'Chrome on Android',
    })
  }
  return ward
}

/** Raw web-push: sendNotification per browser, VAPID signed per call, IN_FLIGHT at once. */
async function rawRun(service: PushServiceProcess, subscribed: Browser[], ca: string) {
  const { default: webpush } = await import('web-push')
  const vapid = webpush.generateVAPIDKeys()
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca })
  const payload = JSON.stringify({
    title: TITLE,
    body: BODY,
    priority: 4,
    priorityLabel: 'Urgent',
    url: 'https://alerts.example.org/alerts/1',
    tag: 'alert-1',
  })
  await service.reset()
  const cpu = process.cpuUsage()
  const started = performance.now()
  let next = 0
  const lane = async () => {
    while (next < subscribed.length) {
      const browser = subscribed[next++]
      await webpush.sendNotification(browser, payload, {
        vapidDetails: { subject: 'mailto:bench@example.org', ...vapid },
        TTL: 43_200,
        urgency: 'high',
        topic: 'alert-1',
        agent,
      })
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane))
  const elapsed = performance.now() - started
  const used = process.cpuUsage(cpu)
  agent.destroy()
  return { elapsed, cpuSeconds: (used.user + used.system) / 1e6, count: await service.count() }
}

function startWorker(certFile: string) {
  const profile = flags['cpu-prof']
    ? ['--cpu-prof', '--cpu-prof-dir', new URL('tmp/bench-profiles/', APP_ROOT).pathname]
    : []
  const child = spawn(process.execPath, [...profile, 'ace', 'queue:work'], {
    cwd: APP_ROOT,
    // The worker's push channel trusts the local push service's certificate.
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: certFile,
      PG_APPLICATION_NAME: 'beacon-bench-push-worker',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    if (output.length < 100_000) output += chunk.toString()
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  return { child, output: () => output }
}

async function beaconRun(
  service: PushServiceProcess,
  organisationId: number,
  wardId: number,
  certFile: string,
  workers: ReturnType<typeof startWorker>[]
) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: Alert } = await import('#models/messaging/alert')
  const { default: env } = await import('#start/env')
  const { default: BeeQueue } = await import('bee-queue')
  const { DateTime } = await import('luxon')
  const alert = await Alert.create({
    organisationId,
    title: TITLE,
    body: BODY,
    priority: 4,
    status: 'sending',
    criteria: { areaIds: [wardId], channels: ['web-push'] },
    sendRequestedAt: DateTime.now(),
  })
  await service.reset()
  const worker = startWorker(certFile)
  workers.push(worker)
  const until = Date.now() + 120_000
  while (!worker.output().includes(WORKER_READY)) {
    if (worker.child.exitCode !== null) throw new Error(`The worker exited:\n${worker.output()}`)
    if (Date.now() > until) throw new Error(`The worker did not start:\n${worker.output()}`)
    await sleep(50)
  }
  const producer = new BeeQueue('dispatch', {
    prefix: env.get('QUEUE_PREFIX'),
    redis: { host: env.get('REDIS_HOST'), port: env.get('REDIS_PORT') },
    isWorker: false,
    getEvents: false,
    storeJobs: false,
  })
  const cpuAtStart = (await procCpuSeconds(worker.child.pid!)) ?? 0
  const started = performance.now()
  let lastProgress = performance.now()
  let lastAccepted = 0
  let lastReport = performance.now()
  try {
    // Like DeliveryJobs.dispatch: the job id is the message id.
    await producer.createJob({ alertId: alert.id }).setId(`alert-${alert.id}`).save()
    while (true) {
      await sleep(100)
      const row = await db
        .from('alerts')
        .where('id', alert.id)
        .select('status', 'status_reason')
        .first()
      if (row.status === 'sent') break
      if (row.status !== 'sending')
        throw new Error(`The alert is ${row.status}: ${row.status_reason}`)
      if (worker.child.exitCode !== null) throw new Error(`The worker exited:\n${worker.output()}`)
      const { accepted } = await service.count()
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now()
        log(`${whole(accepted)} of ${whole(BROWSERS)} pushes`)
      }
      if (accepted !== lastAccepted) {
        lastAccepted = accepted
        lastProgress = performance.now()
      } else if (performance.now() - lastProgress > 120_000) {
        throw new Error(`No push for 2 minutes (${accepted} so far):\n${worker.output()}`)
      }
    }
  } finally {
    await producer.close()
  }
  const elapsed = performance.now() - started
  const cpuSeconds = ((await procCpuSeconds(worker.child.pid!)) ?? 0) - cpuAtStart
  const statuses = await db
    .from('deliveries')
    .where('alert_id', alert.id)
    .groupBy('status')
    .select('status')
    .count('* as total')
  return {
    elapsed,
    cpuSeconds,
    count: await service.count(),
    byStatus: Object.fromEntries(
      statuses.map((row) => [String(row.status), Number(row.total)])
    ) as Record<string, number>,
  }
}

async function dropPostgresDatabase(name: string) {
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
    await client.query(`drop database if exists "${name.replaceAll('"', '')}" with (force)`)
  } finally {
    await client.end()
  }
}

async function main() {
  const service = new PushServiceProcess()
  const workers: ReturnType<typeof startWorker>[] = []
  const tls = certificate()
  let app: ApplicationService | null = null
  let failed = false
  const pgName = process.env.BENCH_PG_DB ?? 'beacon_bench_push'
  try {
    await service.start(tls.cert, tls.key)
    setBenchEnvironment(
      DB,
      {
        sqliteFile: process.env.BENCH_SQLITE_FILE ?? `tmp/bench-push-${process.pid}.sqlite3`,
        pgDatabase: pgName,
        queuePrefix: process.env.BENCH_QUEUE_PREFIX ?? `beacon-bench-push-${process.pid}`,
        smtpPort: 0,
      },
      { APP_URL: 'https://alerts.beacon.example' }
    )
    if (DB === 'sqlite') await removeSqliteFile()
    const loadAtStart = loadAverage()
    app = await bootApp()
    await freshSchema(DB)
    const versions = await databaseVersion(DB)
    log(`push to ${whole(BROWSERS)} browsers on ${versions}, push service on port ${service.port}`)

    const { default: Organisation } = await import('#models/platform/organisation')
    const organisation = await Organisation.create({ name: 'Bench OPCC', slug: 'bench-opcc' })
    const subscribed = browsers(service.port)
    const seedStarted = performance.now()
    const ward = await seed(organisation.id, subscribed)
    // As the other benchmarks do after seeding (and autovacuum would): without statistics of the
    // browsers, the planner walked every subscription for each resident the dispatch wrote.
    await analyze()
    log(`seeded in ${seconds(performance.now() - seedStarted)}`)

    // Enabled as an install admin would: the key pair is generated, then the contact email set.
    const { default: pluginHost } = await import('#services/platform/plugins/plugin_host')
    const { default: store } = await import('#services/platform/plugins/plugin_settings_store')
    await pluginHost.setEnabled('web-push', true)
    const saved = await store.read('web-push', 'install')
    await store.write('web-push', 'install', { ...saved, contact_email: 'bench@example.org' })
    const { default: AudienceIndex } = await import('#services/targeting/audience_index')
    await AudienceIndex.rebuild()

    log('raw web-push: sendNotification per browser')
    const serviceCpu = async () => (await procCpuSeconds(service.child.pid!)) ?? 0
    const serviceBeforeRaw = await serviceCpu()
    const raw = await rawRun(service, subscribed, tls.cert)
    const serviceRaw = (await serviceCpu()) - serviceBeforeRaw
    const rawRate = raw.count.accepted / (raw.elapsed / 1000)
    log(`raw: ${whole(rawRate)} pushes/s`)

    log('Beacon: dispatch job → send jobs → push channel → push service')
    const serviceBeforeBeacon = await serviceCpu()
    const beacon = await beaconRun(service, organisation.id, ward.id, tls.certFile, workers)
    const serviceBeacon = (await serviceCpu()) - serviceBeforeBeacon
    // On a shared machine the wall clock measures the others' load as much as ours: CPU per push does not.
    const rawCpuPerPush = (raw.cpuSeconds * 1000) / raw.count.accepted
    const beaconCpuPerPush = (beacon.cpuSeconds * 1000) / beacon.count.accepted
    const beaconRate = beacon.count.accepted / (beacon.elapsed / 1000)
    const ratio = beaconRate / rawRate
    printTable(`Push: ${whole(BROWSERS)} browsers, ${versions}, Node ${process.versions.node}`, [
      [
        `raw web-push (${IN_FLIGHT} in flight, VAPID signed per push)`,
        `${whole(rawRate)} pushes/s (${whole(raw.count.accepted)} in ${seconds(raw.elapsed)}, ${raw.cpuSeconds.toFixed(1)} s CPU)`,
      ],
      [
        'Beacon end to end (1 worker)',
        `${whole(beaconRate)} pushes/s (${whole(beacon.count.accepted)} in ${seconds(beacon.elapsed)}, worker ${beacon.cpuSeconds.toFixed(1)} s CPU)`,
      ],
      ['Beacon / raw (pushes per second)', `${ratio.toFixed(2)}×`],
      [
        'CPU per push: raw / Beacon worker (dispatch, ledger and all)',
        `${rawCpuPerPush.toFixed(2)} ms / ${beaconCpuPerPush.toFixed(2)} ms = ${(rawCpuPerPush / beaconCpuPerPush).toFixed(2)}× pushes per CPU second`,
      ],
      [
        'push service CPU (raw / Beacon)',
        `${serviceRaw.toFixed(1)} s / ${serviceBeacon.toFixed(1)} s`,
      ],
      [
        'push service count (Beacon)',
        `${whole(beacon.count.accepted)} pushes to ${whole(beacon.count.endpoints)} browsers, ${beacon.count.vapidHeaders} VAPID header(s)`,
      ],
      [
        'push service count (raw)',
        `${whole(raw.count.accepted)} pushes, ${whole(raw.count.vapidHeaders)} VAPID headers`,
      ],
      [
        'deliveries by status',
        Object.entries(beacon.byStatus)
          .map(([status, total]) => `${status} ${whole(total)}`)
          .join(', '),
      ],
      ['load average at start / end', `${loadAtStart} → ${loadAverage()}`],
    ])
    if (flags.json) {
      console.log(
        JSON.stringify({
          benchmark: 'push',
          browsers: BROWSERS,
          db: versions,
          rawRate,
          beaconRate,
          ratio,
        })
      )
    }
    if (beacon.count.accepted !== BROWSERS || beacon.count.endpoints !== BROWSERS) {
      console.error(
        `ERROR: the push service took ${beacon.count.accepted} pushes for ${BROWSERS} browsers`
      )
      failed = true
    }
  } catch (error) {
    console.error(`ERROR: ${(error as Error).stack ?? error}`)
    failed = true
  } finally {
    for (const worker of workers) {
      if (worker.child.exitCode === null) {
        const exited = new Promise((resolve) => worker.child.once('exit', resolve))
        worker.child.kill('SIGTERM')
        const timer = setTimeout(() => worker.child.kill('SIGKILL'), 15_000)
        await exited
        clearTimeout(timer)
      }
    }
    await service.stop()
    rmSync(tls.folder, { recursive: true, force: true })
    const prefix = process.env.QUEUE_PREFIX
    if (prefix) await removeRedisKeys(prefix).catch(() => {})
    await app?.terminate()
    if (DB === 'sqlite') await removeSqliteFile()
    else await dropPostgresDatabase(pgName).catch(() => {})
  }
  process.exit(failed ? 1 : 0)
}

await main()
