import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import AlertStatusGuard from '#services/messaging/alert_status'
import AlertSending from '#services/messaging/alert_sending'
import AlertControl from '#services/messaging/delivery/alert_control'
import DeliverySender from '#services/messaging/delivery/delivery_sender'
import DeliverySweeper from '#services/messaging/delivery/delivery_sweeper'
import config from '@adonisjs/core/services/config'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { pauseUpkeep } from '#tests/helpers/upkeep'
import { dispatchedAlert } from '#tests/helpers/delivery_fixtures'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { recordEvents } from '#tests/helpers/raised_events'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Alert status and the events of the alert’s path', (group) => {
  group.each.setup(async () => {
    const restartUpkeep = await pauseUpkeep()
    await emptyQueues()
    const emptyTables = await emptyTablesAfterwards()
    return async () => {
      await emptyTables()
      restartUpkeep()
    }
  })

  test('the guarded status change refuses a stale transition and leaves the alert as it is', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Stale',
      body: 'Body',
      priority: 2,
      status: 'draft',
      criteria: { areaIds: [] },
    })

    assert.isTrue(await AlertStatusGuard.change(alert.id, { from: 'draft', to: 'submitted' }))
    // A second approver acting on the page they opened before: the alert is no longer a draft.
    assert.isFalse(
      await AlertStatusGuard.change(alert.id, {
        from: 'draft',
        to: 'approved',
        set: { approved_at: new Date().toISOString() },
      })
    )
    await alert.refresh()
    assert.equal(alert.status, 'submitted')
    assert.isNull(alert.approvedAt)

    // Closing a send needs its dispatch finished, whatever its status.
    await db.from('alerts').where('id', alert.id).update({ status: 'sending' })
    assert.isFalse(
      await AlertStatusGuard.change(alert.id, { from: 'sending', to: 'sent', dispatched: true })
    )
    // An edit is written only while the alert is still editable.
    assert.isFalse(await AlertStatusGuard.updateWhile(alert.id, ['draft'], { title: 'Changed' }))
    await alert.refresh()
    assert.equal(alert.title, 'Stale')
    assert.equal(alert.status, 'sending')
  })

  test('a send raises alert:sent, then alert:completed once every delivery is made', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Road closed on the A16',
      body: 'Body',
      priority: 2,
      status: 'draft',
      criteria: { areaIds: [central.id] },
    })
    const events = recordEvents(cleanup)

    assert.isTrue(await AlertSending.start(alert))
    const expected = { alertId: alert.id, organisationId: organisation.id }
    assert.deepEqual(events.of('alert:sent'), [expected])
    await eventually(async () => assert.deepEqual(events.of('alert:completed'), [expected]))
    await alert.refresh()
    assert.equal(alert.status, 'sent')
    assert.lengthOf(smtpSink.mailTo(resident.email!), 1)
  })

  test('pausing, resuming and cancelling raise their events, each only when it changed the alert', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const alert = await dispatchedAlert(organisation, central.id, [resident], 'Controlled')
    const events = recordEvents(cleanup)
    const ids = { alertId: alert.id, organisationId: organisation.id }

    assert.isTrue(await AlertControl.pause(alert.id, 'Paused by staff'))
    assert.isFalse(await AlertControl.pause(alert.id, 'Paused twice'))
    assert.deepEqual(events.of('alert:paused'), [{ ...ids, reason: 'Paused by staff' }])

    assert.isTrue(await AlertControl.cancel(alert.id))
    assert.isFalse(await AlertControl.resume(alert.id))
    assert.deepEqual(events.of('alert:cancelled'), [ids])
    assert.lengthOf(events.of('alert:resumed'), 0)
    const row = await db.from('deliveries').where('alert_id', alert.id).firstOrFail()
    assert.equal(row.status, 'cancelled')
  })

  test('the sweeper pauses a failing send by raising alert:paused', async ({ assert, cleanup }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const residents = await Promise.all(
      [1, 2, 3].map(() => createResident(central, [organisation]))
    )
    const alert = await dispatchedAlert(organisation, central.id, residents, 'Failing')
    await db.from('deliveries').where('alert_id', alert.id).update({ status: 'failed' })
    // Every delivery failed, but the send is not closed yet: one row is still in flight.
    await db
      .from('deliveries')
      .where('resident_id', residents[0].id)
      .update({ status: 'sending', claimed_at: new Date().toISOString() })
    const minimum = config.get<number>('beacon.delivery.pauseMinimumAttempts')
    config.set('beacon.delivery.pauseMinimumAttempts', 2)
    cleanup(() => config.set('beacon.delivery.pauseMinimumAttempts', minimum))
    const events = recordEvents(cleanup)

    await DeliverySweeper.run({
      staleClaimSeconds: 3600,
      idlePendingSeconds: 3600,
      idleDispatchSeconds: 3600,
    })
    const [paused] = events.of('alert:paused')
    assert.equal(paused.alertId, alert.id)
    assert.equal(paused.organisationId, organisation.id)
    assert.include(paused.reason!, '2 of 2 deliveries (100%) failed')
    await alert.refresh()
    assert.equal(alert.status, 'paused')
  })

  test('a delivery that cannot be made raises delivery:failed, then the alert completes', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const alert = await dispatchedAlert(organisation, central.id, [resident], 'Nowhere to go')
    await db.from('deliveries').where('alert_id', alert.id).update({ channel: 'pigeon' })
    const row = await db.from('deliveries').where('alert_id', alert.id).firstOrFail()
    const events = recordEvents(cleanup)

    await DeliverySender.send({ alertId: alert.id, channel: 'pigeon', deliveryIds: [row.id] })
    assert.deepEqual(events.of('delivery:failed'), [
      {
        deliveryId: Number(row.id),
        alertId: alert.id,
        channel: 'pigeon',
        reason: 'The pigeon channel is not available',
        permanent: false,
      },
    ])
    assert.deepEqual(events.of('alert:completed'), [
      { alertId: alert.id, organisationId: organisation.id },
    ])
  })
})
