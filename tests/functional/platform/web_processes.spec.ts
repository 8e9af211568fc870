import { readdir, readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import BeeQueue from 'bee-queue'
import { Redis } from 'ioredis'
import env from '#start/env'
import Alert from '#models/messaging/alert'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { startBeaconProcess, stopBeaconProcess } from '#tests/helpers/child_process'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const SERVER = ['--import', '@poppinss/ts-exec', 'bin/server.ts']

/** The processes whose parent is this one, from /proc. */
async function childrenOf(pid: number) {
  const children: number[] = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (parent === pid) children.push(Number(entry))
    } catch {
      // It ended while we looked.
    }
  }
  return children
}

test.group('Several web processes (WEB_PROCESSES)', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('two web processes serve the port, and the embedded queue worker runs in one of them', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])

    const port = env.get('PORT') + 2
    const prefix = `beacon-web-processes-test-${process.pid}`
    const server = startBeaconProcess(SERVER, {
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      WEB_PROCESSES: '2',
      QUEUE_WORKER: 'embedded',
      QUEUE_PREFIX: prefix,
    })
    const redis = new Redis({ host: env.get('REDIS_HOST'), port: env.get('REDIS_PORT') })
    cleanup(async () => {
      await stopBeaconProcess(server)
      const keys = await redis.keys(`${prefix}:*`)
      if (keys.length) await redis.del(...keys)
      redis.disconnect()
    })

    await eventually(async () => {
      assert.isNull(server.child.exitCode, server.output())
      const response = await fetch(`http://localhost:${port}/alerts`)
      assert.equal(response.status, 200)
    }, 90_000)
    const webProcesses = await eventually(async () => {
      const children = await childrenOf(server.child.pid!)
      assert.lengthOf(children, 2, server.output())
      return children
    }, 30_000)
    for (let request = 0; request < 20; request++) {
      assert.equal((await fetch(`http://localhost:${port}/sign-up`)).status, 200)
    }

    // One queue worker beats in Redis, from one of the two web processes (not the primary).
    const beats = await eventually(async () => {
      const keys = await redis.keys(`${prefix}:worker-heartbeat:*`)
      assert.lengthOf(keys, 1, server.output())
      return keys
    }, 30_000)
    const beat = JSON.parse((await redis.get(beats[0]))!)
    assert.include(webProcesses, beat.pid)

    // And it does the work: an alert queued under this install's prefix reaches the resident once.
    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Sent from a cluster',
      body: 'Body',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })
    const producer = new BeeQueue('dispatch', {
      prefix,
      redis: { host: env.get('REDIS_HOST'), port: env.get('REDIS_PORT') },
      isWorker: false,
      getEvents: false,
    })
    cleanup(() => producer.close())
    await producer
      .createJob({ alertId: alert.id })
      .setId(`alert-${alert.id}`)
      .timeout(60_000)
      .save()
    await smtpSink.waitForMail(resident.email!, () => true, 60_000)
    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    }, 30_000)
    assert.lengthOf(smtpSink.mailTo(resident.email!), 1)

    // Stopping the primary stops both web processes.
    await stopBeaconProcess(server)
    assert.isNotNull(server.child.exitCode ?? server.child.signalCode)
    for (const pid of webProcesses) {
      await eventually(async () => {
        await assert.rejects(() => readFile(`/proc/${pid}/stat`, 'utf8'))
      }, 15_000)
    }
  }).timeout(180_000)
})
