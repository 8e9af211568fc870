import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import BeeQueue from 'bee-queue'
import Database from 'better-sqlite3'
import env from '#start/env'
import Message from '#models/messaging/message'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { DisposableRedis } from '#tests/helpers/redis_server'
import { startBeaconProcess, type RunningProcess } from '#tests/helpers/child_process'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const RESIDENTS = 40

/** Resolves once the sink has accepted this many alert mails. */
function afterMails(count: number, title: string) {
  return eventually(async () => {
    const accepted = smtpSink.received.filter((mail) => mail.subject.includes(title)).length
    if (accepted < count) throw new Error(`only ${accepted} of ${count} mails so far`)
  }, 90_000)
}

/**
 * Makes the database unreachable to the workers for a few seconds: SQLite is
 * locked by another connection, PostgreSQL drops the workers' connections.
 */
async function databaseOutage(milliseconds: number) {
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
      "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'beacon-fault-worker'"
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

test.group('Delivery under faults', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('workers killed, Redis restarted, SMTP refusals and a database outage: nobody missed, nobody twice', async ({
    assert,
    cleanup,
  }) => {
    const redis = new DisposableRedis()
    await redis.start()
    cleanup(() => redis.kill())

    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const residents = []
    for (let index = 0; index < RESIDENTS; index++) {
      residents.push(await createResident(central, [organisation]))
    }
    const [bounced, refused, ...reachable] = residents
    smtpSink.refusals.set(bounced.email!, 550)
    smtpSink.refusals.set(refused.email!, 554)
    reachable
      .filter((_, index) => index % 4 === 0)
      .forEach((resident) => smtpSink.refuseOnce.add(resident.email!))
    cleanup(() => {
      smtpSink.refusals.clear()
      smtpSink.refuseOnce.clear()
    })

    const title = 'Sent through every fault'
    const message = await Message.create({
      organisationId: organisation.id,
      title,
      body: 'Body',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })

    const prefix = `beacon-fault-${process.pid}`
    const workers: RunningProcess[] = []
    const startWorker = () => {
      const worker = startBeaconProcess(['ace', 'queue:work'], {
        QUEUE_PREFIX: prefix,
        REDIS_PORT: String(redis.port),
        PG_APPLICATION_NAME: 'beacon-fault-worker',
        LOG_LEVEL: 'fatal',
        EMAIL_RATE_PER_SECOND: '15',
        DELIVERY_SWEEP_SECONDS: '1',
        DELIVERY_STALE_CLAIM_SECONDS: '4',
        DELIVERY_IDLE_PENDING_SECONDS: '2',
        DELIVERY_IDLE_DISPATCH_SECONDS: '3',
        DELIVERY_RETRY_BASE_SECONDS: '0.3',
      })
      workers.push(worker)
      return worker
    }
    cleanup(async () => {
      for (const worker of workers) {
        if (worker.child.exitCode === null) worker.child.kill('SIGKILL')
      }
    })

    let first = startWorker()
    startWorker()
    const producer = new BeeQueue('dispatch', {
      prefix,
      redis: { host: env.get('REDIS_HOST'), port: redis.port },
      isWorker: false,
      getEvents: false,
    })
    await producer
      .createJob({ messageId: message.id })
      .setId(`message-${message.id}`)
      .timeout(60_000)
      .save()
    await producer.close()

    await afterMails(5, title)
    first.child.kill('SIGKILL')
    await first.exited
    first = startWorker()

    await afterMails(12, title)
    await redis.restart()

    await afterMails(20, title)
    await databaseOutage(3000)

    await afterMails(26, title)
    first.child.kill('SIGKILL')
    await first.exited
    startWorker()

    await eventually(async () => {
      await message.refresh()
      assert.equal(message.status, 'sent', 'the message closes on its own')
    }, 120_000)

    for (const resident of reachable) {
      assert.equal(
        smtpSink.messageIdsTo(resident.email!).size,
        1,
        `${resident.email} must get exactly one alert`
      )
    }
    assert.lengthOf(smtpSink.mailTo(bounced.email!), 0)
    assert.lengthOf(smtpSink.mailTo(refused.email!), 0)

    const failed = await db
      .from('deliveries')
      .where('message_id', message.id)
      .where('status', 'failed')
    assert.sameMembers(
      failed.map((row) => row.resident_id),
      [bounced.id, refused.id]
    )
    assert.isTrue(
      failed.every((row) => /55[04]/.test(row.error)),
      'each failure keeps its reason'
    )
    const sent = await db.from('deliveries').where('message_id', message.id).where('status', 'sent')
    assert.lengthOf(sent, reachable.length)
  }).timeout(240_000)
})
