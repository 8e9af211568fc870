import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import BeeQueue from 'bee-queue'
import Database from 'better-sqlite3'
import { DateTime } from 'luxon'
import env from '#start/env'
import { startUpkeep, stopUpkeep } from '#jobs/queue_workers'
import Alert from '#models/messaging/alert'
import type Resident from '#models/residents/resident'
import { smtpSink, type PairCount } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { DisposableRedis } from '#tests/helpers/redis_server'
import { startBeaconProcess, type RunningProcess } from '#tests/helpers/child_process'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'

/** The workers' application name on PostgreSQL, so an outage can drop their connections only. */
const WORKER_APPLICATION = 'beacon-fault-worker'

/**
 * One alert sent by queue workers in child processes (`node ace queue:work`,
 * as an operator runs them) on a Redis of the test's own, into the test's
 * SMTP sink, while a test breaks things. It counts what arrived as
 * (recipient, alert) pairs and prints them.
 */
export class AlertFaultRun {
  readonly redis = new DisposableRedis()
  readonly workers: RunningProcess[] = []
  residents: Resident[] = []
  alert!: Alert
  #prefix = `beacon-fault-${process.pid}-${Date.now()}`
  // Alert ids start again after each test empties the tables: only this run's mails count.
  #firstMail = smtpSink.received.length

  constructor(
    readonly title: string,
    readonly workerEnvironment: Record<string, string> = {}
  ) {}

  async start(residentCount: number) {
    // This process is a worker too (QUEUE_WORKER=embedded): its sweeper would send this alert beside the
    // workers under test, out of reach of their faults.
    stopUpkeep()
    await this.redis.start()
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    for (let index = 0; index < residentCount; index++) {
      this.residents.push(await createResident(central, [organisation]))
    }
    this.alert = await Alert.create({
      organisationId: organisation.id,
      title: this.title,
      body: 'Body',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id] },
      // Without it, a sweeper would take the dispatch for lost long ago and start one of its own.
      sendRequestedAt: DateTime.now(),
    })
  }

  startWorker() {
    const worker = startBeaconProcess(['ace', 'queue:work'], {
      QUEUE_PREFIX: this.#prefix,
      REDIS_PORT: String(this.redis.port),
      PG_APPLICATION_NAME: WORKER_APPLICATION,
      LOG_LEVEL: 'fatal',
      SMTP_POOL_CONNECTIONS: '5',
      DELIVERY_SWEEP_SECONDS: '1',
      DELIVERY_STALE_CLAIM_SECONDS: '4',
      DELIVERY_IDLE_PENDING_SECONDS: '2',
      DELIVERY_IDLE_DISPATCH_SECONDS: '3',
      DELIVERY_RETRY_BASE_SECONDS: '0.3',
      ...this.workerEnvironment,
    })
    this.workers.push(worker)
    return worker
  }

  /** The alert's dispatch job, put on the queue as the staff pages do. */
  async dispatch() {
    const producer = new BeeQueue('dispatch', {
      prefix: this.#prefix,
      redis: { host: env.get('REDIS_HOST'), port: this.redis.port },
      isWorker: false,
      getEvents: false,
    })
    await producer
      .createJob({ alertId: this.alert.id })
      .setId(`message-${this.alert.id}`)
      .timeout(60_000)
      .save()
    await producer.close()
  }

  /** Mails of this alert the sink has accepted (copies counted). */
  accepted() {
    return smtpSink.received
      .slice(this.#firstMail)
      .filter((mail) => mail.messageId.startsWith(`<beacon.${this.alert.id}.`)).length
  }

  /** Resolves once the sink has accepted this many of the alert's mails. */
  afterMails(count: number) {
    return eventually(async () => {
      const accepted = this.accepted()
      if (accepted < count) throw new Error(`only ${accepted} of ${count} mails so far`)
    }, 90_000)
  }

  async sentInLedger() {
    const [row] = await db
      .from('deliveries')
      .where('alert_id', this.alert.id)
      .where('status', 'sent')
      .count('* as total')
    return Number(row.total)
  }

  /** Resolves once no statement of a dead worker is still running in PostgreSQL (SQLite runs none). */
  async workerStatementsFinished() {
    if (env.get('DB_CONNECTION', 'sqlite') === 'sqlite') return
    await eventually(async () => {
      const result = await db.rawQuery(
        "select count(*) as total from pg_stat_activity where application_name = ? and state = 'active'",
        [WORKER_APPLICATION]
      )
      if (Number(result.rows[0].total) > 0) throw new Error('a worker statement is still running')
    })
  }

  async finished() {
    await eventually(async () => {
      await this.alert.refresh()
      if (this.alert.status !== 'sent') {
        throw new Error(`the alert is still ${this.alert.status} (${this.accepted()} accepted)`)
      }
    }, 120_000)
  }

  /** (recipient, alert) pairs at the sink for these recipients; printed with the fault's name. */
  count(fault: string, expected: Resident[], inFlight?: number): PairCount {
    const count = smtpSink.pairCount(
      this.alert.id,
      expected.map((resident) => resident.email!),
      this.#firstMail
    )
    const window = inFlight === undefined ? '' : ` (in flight at the kill: ${inFlight})`
    console.log(
      `    ${fault}: ${expected.length} expected, lost ${count.lost}, duplicated ${count.duplicated}${window}`
    )
    return count
  }

  /**
   * Makes the database unreachable to the workers for a while: SQLite is
   * locked by another connection, PostgreSQL drops the workers' connections.
   */
  async databaseOutage(milliseconds: number) {
    if (env.get('DB_CONNECTION', 'sqlite') === 'sqlite') {
      const locker = new Database(app.makePath(env.get('SQLITE_FILE', 'tmp/test.sqlite3')))
      locker.exec('BEGIN EXCLUSIVE')
      await new Promise((resolve) => setTimeout(resolve, milliseconds))
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
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  async stop() {
    for (const worker of this.workers) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) {
        worker.child.kill('SIGKILL')
        await worker.exited
      }
    }
    await this.redis.kill()
    startUpkeep()
    smtpSink.resetFaults()
    smtpSink.removeAllListeners('accepted')
  }
}
