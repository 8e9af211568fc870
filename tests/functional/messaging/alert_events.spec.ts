import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Message from '#models/messaging/message'
import AlertStatus from '#services/messaging/alert_status'
import MessageSending from '#services/messaging/message_sending'
import MessageControl from '#services/messaging/delivery/message_control'
import DeliverySender from '#services/messaging/delivery/delivery_sender'
import DeliverySweeper from '#services/messaging/delivery/delivery_sweeper'
import config from '@adonisjs/core/services/config'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { dispatchedMessage } from '#tests/helpers/delivery_fixtures'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { recordEvents } from '#tests/helpers/raised_events'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Alert status and the events of the alert’s path', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('the guarded status change refuses a stale transition and leaves the alert as it is', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const message = await Message.create({
      organisationId: organisation.id,
      title: 'Stale',
      body: 'Body',
      priority: 2,
      status: 'draft',
      criteria: { areaIds: [] },
    })

    assert.isTrue(await AlertStatus.change(message.id, { from: 'draft', to: 'submitted' }))
    // A second approver acting on the page they opened before: the alert is no longer a draft.
    assert.isFalse(
      await AlertStatus.change(message.id, {
        from: 'draft',
        to: 'approved',
        set: { approved_at: new Date().toISOString() },
      })
    )
    await message.refresh()
    assert.equal(message.status, 'submitted')
    assert.isNull(message.approvedAt)

    // Closing a send needs its dispatch finished, whatever its status.
    await db.from('messages').where('id', message.id).update({ status: 'sending' })
    assert.isFalse(
      await AlertStatus.change(message.id, { from: 'sending', to: 'sent', dispatched: true })
    )
    // An edit is written only while the alert is still editable.
    assert.isFalse(await AlertStatus.updateWhile(message.id, ['draft'], { title: 'Changed' }))
    await message.refresh()
    assert.equal(message.title, 'Stale')
    assert.equal(message.status, 'sending')
  })

  test('a send raises alert:sent, then alert:completed once every delivery is made', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const message = await Message.create({
      organisationId: organisation.id,
      title: 'Road closed on the A16',
      body: 'Body',
      priority: 2,
      status: 'draft',
      criteria: { areaIds: [central.id] },
    })
    const events = recordEvents(cleanup)

    assert.isTrue(await MessageSending.start(message))
    const expected = { alertId: message.id, organisationId: organisation.id }
    assert.deepEqual(events.of('alert:sent'), [expected])
    await eventually(async () => assert.deepEqual(events.of('alert:completed'), [expected]))
    await message.refresh()
    assert.equal(message.status, 'sent')
    assert.lengthOf(smtpSink.mailTo(resident.email!), 1)
  })

  test('pausing, resuming and cancelling raise their events, each only when it changed the alert', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const message = await dispatchedMessage(organisation, central.id, [resident], 'Controlled')
    const events = recordEvents(cleanup)
    const ids = { alertId: message.id, organisationId: organisation.id }

    assert.isTrue(await MessageControl.pause(message.id, 'Paused by staff'))
    assert.isFalse(await MessageControl.pause(message.id, 'Paused twice'))
    assert.deepEqual(events.of('alert:paused'), [{ ...ids, reason: 'Paused by staff' }])

    assert.isTrue(await MessageControl.cancel(message.id))
    assert.isFalse(await MessageControl.resume(message.id))
    assert.deepEqual(events.of('alert:cancelled'), [ids])
    assert.lengthOf(events.of('alert:resumed'), 0)
    const row = await db.from('deliveries').where('message_id', message.id).firstOrFail()
    assert.equal(row.status, 'cancelled')
  })

  test('the sweeper pauses a failing send by raising alert:paused', async ({ assert, cleanup }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const residents = await Promise.all(
      [1, 2, 3].map(() => createResident(central, [organisation]))
    )
    const message = await dispatchedMessage(organisation, central.id, residents, 'Failing')
    await db.from('deliveries').where('message_id', message.id).update({ status: 'failed' })
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
    assert.equal(paused.alertId, message.id)
    assert.equal(paused.organisationId, organisation.id)
    assert.include(paused.reason!, '2 of 2 deliveries (100%) failed')
    await message.refresh()
    assert.equal(message.status, 'paused')
  })

  test('a delivery that cannot be made raises delivery:failed, then the alert completes', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const message = await dispatchedMessage(organisation, central.id, [resident], 'Nowhere to go')
    await db.from('deliveries').where('message_id', message.id).update({ channel: 'pigeon' })
    const row = await db.from('deliveries').where('message_id', message.id).firstOrFail()
    const events = recordEvents(cleanup)

    await DeliverySender.send({ messageId: message.id, channel: 'pigeon', deliveryIds: [row.id] })
    assert.deepEqual(events.of('delivery:failed'), [
      {
        deliveryId: Number(row.id),
        alertId: message.id,
        channel: 'pigeon',
        reason: 'The pigeon channel is not available',
        permanent: false,
      },
    ])
    assert.deepEqual(events.of('alert:completed'), [
      { alertId: message.id, organisationId: organisation.id },
    ])
  })
})
