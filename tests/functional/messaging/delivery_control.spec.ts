import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import Alert from '#models/messaging/alert'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import channelRegistry from '#services/platform/plugins/channel_registry'
import DeliverySweeper from '#services/messaging/delivery/delivery_sweeper'
import queues from '#services/platform/infrastructure/queue'
import DeliveryJobs, { type SendJobData } from '#services/messaging/delivery/delivery_jobs'
import mailTransport from '#services/platform/infrastructure/mail_transport'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { pauseUpkeep } from '#tests/helpers/upkeep'
import { dispatchedAlert } from '#tests/helpers/delivery_fixtures'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const sweepNow = { staleClaimSeconds: 0, idlePendingSeconds: 0, idleDispatchSeconds: 0 }

test.group('Pausing, resuming and cancelling a send', (group) => {
  group.each.setup(async () => {
    const restartUpkeep = await pauseUpkeep()
    await emptyQueues()
    const emptyTables = await emptyTablesAfterwards()
    return async () => {
      await emptyTables()
      restartUpkeep()
    }
  })

  test('a paused send goes on from the ledger when resumed, and each resident gets it once', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const residents = await Promise.all(
      [1, 2, 3].map(() => createResident(central, [organisation]))
    )
    const alert = await dispatchedAlert(
      organisation,
      central.id,
      residents,
      'Resumed alert',
      'paused'
    )
    const browser = await signInStaff(await createStaff(organisation, 'sender'))

    const paused = await browser.get(`/staff/alerts/${alert.id}`)
    assert.include(paused.text, 'Resume sending')
    assert.include(paused.text, 'Cancel the alert')

    const resumed = await browser.post(`/staff/alerts/${alert.id}/resume`)
    assert.include(resumed.text, 'Sending has resumed from where it stopped.')
    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    })
    for (const resident of residents) {
      assert.lengthOf(smtpSink.mailTo(resident.email!), 1)
    }
  })

  test('pausing stops what has not gone yet', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const alert = await dispatchedAlert(organisation, central.id, [resident], 'Paused alert')
    const browser = await signInStaff(await createStaff(organisation, 'sender'))

    const page = await browser.post(`/staff/alerts/${alert.id}/pause`)
    assert.include(page.text, 'Sending is paused.')
    // A job that was already queued before the pause finds the message paused and leaves the row alone.
    const queued = await db.from('deliveries').where('alert_id', alert.id).firstOrFail()
    await DeliveryJobs.send(alert.id, channelRegistry.get('email')!, [Number(queued.id)])
    await DeliverySweeper.run(sweepNow)
    await alert.refresh()
    assert.equal(alert.status, 'paused')
    const after = await db.from('deliveries').where('alert_id', alert.id).firstOrFail()
    assert.equal(after.status, 'pending')
    assert.lengthOf(smtpSink.mailTo(resident.email!), 0)
  })

  test('cancelling asks first, then no waiting delivery is made', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const residents = await Promise.all([1, 2].map(() => createResident(central, [organisation])))
    const alert = await dispatchedAlert(organisation, central.id, residents, 'Cancelled alert')
    const browser = await signInStaff(await createStaff(organisation, 'sender'))

    const confirmation = await browser.get(`/staff/alerts/${alert.id}/cancel`)
    assert.include(confirmation.text, 'Cancel “Cancelled alert”?')
    assert.include(confirmation.text, 'The 2 deliveries still waiting will not be made.')

    const cancelled = await browser.post(`/staff/alerts/${alert.id}/cancel`)
    assert.include(cancelled.text, 'The alert was cancelled.')
    await DeliverySweeper.run(sweepNow)
    await alert.refresh()
    assert.equal(alert.status, 'cancelled')
    const statuses = await db.from('deliveries').where('alert_id', alert.id).select('status')
    assert.deepEqual(
      statuses.map((row) => row.status),
      ['cancelled', 'cancelled']
    )
    for (const resident of residents) assert.lengthOf(smtpSink.mailTo(resident.email!), 0)
  })

  test("another organisation's staff can neither pause nor cancel", async ({ assert }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const fire = await createOrganisation('Fire')
    const resident = await createResident(central, [fire])
    const alert = await dispatchedAlert(fire, central.id, [resident], 'Fire alert', 'paused')
    const browser = await signInStaff(await createStaff(police, 'admin'))
    assert.equal((await browser.post(`/staff/alerts/${alert.id}/cancel`)).status, 403)
    assert.equal((await browser.post(`/staff/alerts/${alert.id}/resume`)).status, 403)
    await alert.refresh()
    assert.equal(alert.status, 'paused')
  })
})

test.group('The delivery sweeper', (group) => {
  group.each.setup(async () => {
    const restartUpkeep = await pauseUpkeep()
    await emptyQueues()
    const emptyTables = await emptyTablesAfterwards()
    return async () => {
      await emptyTables()
      restartUpkeep()
    }
  })

  test('rows left claimed by a dead worker, and rows whose job was lost, are sent', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const [abandoned, lost] = await Promise.all(
      [1, 2].map(() => createResident(central, [organisation]))
    )
    const alert = await dispatchedAlert(organisation, central.id, [abandoned, lost], 'Swept alert')
    await db
      .from('deliveries')
      .where('resident_id', abandoned.id)
      .update({
        status: 'sending',
        claim_token: 'dead-worker',
        claimed_at: sqlTime(DateTime.now().minus({ minutes: 10 })),
        attempts: 1,
      })
    await db
      .from('deliveries')
      .where('resident_id', lost.id)
      .update({ updated_at: sqlTime(DateTime.now().minus({ minutes: 10 })) })

    await DeliverySweeper.run(sweepNow)
    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    })
    assert.lengthOf(smtpSink.mailTo(abandoned.email!), 1)
    assert.lengthOf(smtpSink.mailTo(lost.email!), 1)
  })

  test('rows that may still have their job are not enqueued again: while jobs wait, or before they are due', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const [behind, deferred] = await Promise.all(
      [1, 2].map(() => createResident(central, [organisation]))
    )
    const alert = await dispatchedAlert(
      organisation,
      central.id,
      [behind, deferred],
      'Queued alert'
    )
    await db
      .from('deliveries')
      .where('alert_id', alert.id)
      .update({ updated_at: sqlTime(DateTime.now().minus({ minutes: 10 })) })
    await db
      .from('deliveries')
      .where('resident_id', deferred.id)
      .update({ next_attempt_at: sqlTime(DateTime.now().plus({ hours: 1 })) })
    const behindRow = await db.from('deliveries').where('resident_id', behind.id).firstOrFail()

    const enqueued: number[] = []
    const addMany = queues.addMany
    const waitingCount = queues.waitingCount
    queues.addMany = async (name, items) => {
      for (const item of items) enqueued.push(...(item.data as SendJobData).deliveryIds)
      return addMany.call(queues, name, items)
    }
    cleanup(() => {
      queues.addMany = addMany
      queues.waitingCount = waitingCount
    })

    // Jobs still wait in the email queue: these rows may be behind them.
    queues.waitingCount = async () => 3
    await DeliverySweeper.run(sweepNow)
    assert.deepEqual(enqueued, [])

    // Once nothing waits, the row that was due is enqueued again; the deferred one waits for its time.
    queues.waitingCount = waitingCount
    await DeliverySweeper.run(sweepNow)
    assert.deepEqual(enqueued, [Number(behindRow.id)])
    await eventually(async () => {
      assert.lengthOf(smtpSink.mailTo(behind.email!), 1)
    })
    assert.lengthOf(smtpSink.mailTo(deferred.email!), 0)
    const stillDeferred = await db.from('deliveries').where('resident_id', deferred.id).first()
    assert.equal(stillDeferred.status, 'pending')
  })

  test('a message whose failures pass the threshold pauses itself and says why', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const residents = await Promise.all(
      [1, 2, 3, 4].map(() => createResident(central, [organisation]))
    )
    const alert = await dispatchedAlert(organisation, central.id, residents, 'Failing alert')
    const minimum = config.get('beacon.delivery.pauseMinimumAttempts')
    config.set('beacon.delivery.pauseMinimumAttempts', 2)
    cleanup(() => config.set('beacon.delivery.pauseMinimumAttempts', minimum))
    await db
      .from('deliveries')
      .where('alert_id', alert.id)
      .whereIn('resident_id', [residents[0].id, residents[1].id, residents[2].id])
      .update({ status: 'failed', error: '550 No such user' })

    await DeliverySweeper.run(sweepNow)
    await alert.refresh()
    assert.equal(alert.status, 'paused')
    assert.equal(
      alert.statusReason,
      'Sending was paused because 3 of 3 deliveries (100%) failed. Check the reasons below, then resume or cancel.'
    )
    assert.lengthOf(smtpSink.mailTo(residents[3].email!), 0)
  })
})

test.group('A mail server that refuses connections', (group) => {
  group.each.setup(async () => {
    const restartUpkeep = await pauseUpkeep()
    await emptyQueues()
    const emptyTables = await emptyTablesAfterwards()
    return async () => {
      await emptyTables()
      restartUpkeep()
    }
  })

  test('pauses the send with a clear reason and marks nothing sent; resuming sends it', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Mail server down',
      body: 'Body',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })

    await smtpSink.stop()
    mailTransport.close()
    cleanup(async () => {
      mailTransport.close()
      await smtpSink.start(env.get('SMTP_PORT', 2526)).catch(() => {})
    })
    await AlertDispatcher.dispatch(alert.id)
    await alert.refresh()
    assert.equal(alert.status, 'paused')
    assert.include(
      alert.statusReason!,
      `The mail server 127.0.0.1:${env.get('SMTP_PORT')} refused the connection`
    )
    assert.lengthOf(
      await db.from('deliveries').where('alert_id', alert.id).where('status', 'sent'),
      0
    )

    const browser = await signInStaff(await createStaff(organisation, 'sender'))
    const page = await browser.get(`/staff/alerts/${alert.id}`)
    assert.include(page.text, 'refused the connection')

    await smtpSink.start(env.get('SMTP_PORT', 2526))
    mailTransport.close()
    await browser.post(`/staff/alerts/${alert.id}/resume`)
    await smtpSink.waitForMail(resident.email!)
    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    })
  })
})
