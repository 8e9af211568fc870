import { test } from '@japa/runner'
import BeeQueue from 'bee-queue'
import env from '#start/env'
import Alert from '#models/messaging/alert'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { startBeaconProcess, stopBeaconProcess } from '#tests/helpers/child_process'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const SERVER = ['--import', '@poppinss/ts-exec', 'bin/server.ts']

test.group('Starting Beacon', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('without Redis, the web process explains how to start it and exits non-zero', async ({
    assert,
  }) => {
    const server = startBeaconProcess(SERVER, { PORT: '0', REDIS_PORT: '1', QUEUE_WORKER: 'off' })
    const code = await server.exited
    assert.notEqual(code, 0)
    assert.include(server.output(), 'Beacon cannot reach Redis at 127.0.0.1:1.')
    assert.include(server.output(), 'REDIS_HOST and REDIS_PORT')
  }).timeout(60_000)

  test('an invalid setting in the environment is named', async ({ assert }) => {
    const server = startBeaconProcess(SERVER, { PORT: 'three thousand' })
    const code = await server.exited
    assert.notEqual(code, 0)
    assert.match(server.output(), /PORT/)
    assert.match(server.output(), /number/i)
  }).timeout(60_000)

  test('`node ace queue:work` on its own sends the alerts a web process queued', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Sent by a separate worker',
      body: 'Body',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })

    // Its own queue prefix, so that only the separate worker sees the job.
    const prefix = `beacon-worker-test-${process.pid}`
    const worker = startBeaconProcess(['ace', 'queue:work'], { QUEUE_PREFIX: prefix })
    cleanup(() => stopBeaconProcess(worker))

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

    const mail = await smtpSink.waitForMail(resident.email!, () => true, 60_000)
    assert.equal(mail.subject, '[Advice] Sent by a separate worker')
    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    }, 30_000)
    // The logger writes asynchronously: the line may follow the work it announces.
    await eventually(
      async () => assert.include(worker.output(), 'Beacon worker is processing'),
      15_000
    )
  }).timeout(120_000)
})
