import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import Alert from '#models/messaging/alert'
import type Organisation from '#models/platform/organisation'
import type Resident from '#models/residents/resident'
import type { BeaconEvents } from '#contracts/events'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import ResidentAlertHistory from '#services/messaging/resident_alert_history'
import AudienceQuery from '#services/targeting/audience_query'
import channelRegistry from '#services/platform/plugins/channel_registry'
import pluginCoreServices from '#services/platform/plugins/plugin_core_services'
import ResidentContacts from '#services/residents/contacts/resident_contacts'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { contactOnlyChannel } from '#tests/helpers/contact_channels'
import { dispatchedAlert } from '#tests/helpers/delivery_fixtures'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

// As a plugin records them: through its context.
const receipts = pluginCoreServices.receipts

/** Every delivery event raised while the test runs, in order. */
function watchDeliveryEvents(cleanup: (fn: () => void) => void) {
  const seen: Array<{ name: string } & Record<string, unknown>> = []
  const delivered = (payload: BeaconEvents['delivery:delivered']) =>
    seen.push({ name: 'delivery:delivered', ...payload })
  const failed = (payload: BeaconEvents['delivery:failed']) =>
    seen.push({ name: 'delivery:failed', ...payload })
  emitter.on('delivery:delivered', delivered)
  emitter.on('delivery:failed', failed)
  cleanup(() => {
    emitter.off('delivery:delivered', delivered)
    emitter.off('delivery:failed', failed)
  })
  return seen
}

/** An alert sent by email to every resident, through the real dispatcher, workers and SMTP. */
async function sentByEmail(organisation: Organisation, areaId: number, title: string) {
  const alert = await Alert.create({
    organisationId: organisation.id,
    title,
    body: 'Body',
    priority: 2,
    status: 'sending',
    criteria: { areaIds: [areaId], channels: ['email'] },
  })
  await AlertDispatcher.dispatch(alert.id)
  await eventually(async () => {
    await alert.refresh()
    if (alert.status !== 'sent') throw new Error(`still ${alert.status}`)
  })
  return alert
}

async function deliveryOf(alert: Alert, resident: Resident) {
  return db
    .from('deliveries')
    .where('alert_id', alert.id)
    .where('resident_id', resident.id)
    .firstOrFail()
}

/** A delivery as a channel's send() leaves it: sent, with the provider's id. */
async function markSent(alert: Alert, resident: Resident, channel: string, providerId: string) {
  await db
    .from('deliveries')
    .where('alert_id', alert.id)
    .where('resident_id', resident.id)
    .update({ channel, status: 'sent', provider_id: providerId, sent_at: sqlTime() })
}

test.group('Delivery receipts', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('a delivered receipt moves sent to delivered once; the staff page still adds up', async ({
    assert,
    cleanup,
  }) => {
    const events = watchDeliveryEvents(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const [first, second, third] = [
      await createResident(central, [organisation]),
      await createResident(central, [organisation]),
      await createResident(central, [organisation]),
    ]
    const alert = await sentByEmail(organisation, central.id, 'Receipts please')
    const delivery = await deliveryOf(alert, first)
    assert.equal(delivery.status, 'sent')

    const outcome = await receipts.record({
      channel: 'email',
      providerId: delivery.provider_id,
      status: 'delivered',
    })
    assert.deepEqual(outcome, {
      matched: true,
      deliveryId: Number(delivery.id),
      status: 'delivered',
      changed: true,
    })
    const duplicate = await receipts.record({
      channel: 'email',
      providerId: delivery.provider_id,
      status: 'delivered',
    })
    assert.deepEqual(duplicate, {
      matched: true,
      deliveryId: Number(delivery.id),
      status: 'delivered',
      changed: false,
    })
    assert.lengthOf(
      await ResidentAlertHistory.all(first.id),
      1,
      'a delivered alert is still one the resident received'
    )
    assert.deepEqual(events, [
      {
        name: 'delivery:delivered',
        deliveryId: Number(delivery.id),
        alertId: alert.id,
        channel: 'email',
      },
    ])

    // A provider id of another channel, or one nobody sent, finds nothing.
    assert.deepEqual(
      await receipts.record({
        channel: 'sms',
        providerId: (await deliveryOf(alert, second)).provider_id,
        status: 'delivered',
      }),
      { matched: false }
    )
    assert.deepEqual(
      await receipts.record({
        channel: 'email',
        providerId: '<nobody@sent.this>',
        status: 'failed',
      }),
      {
        matched: false,
      }
    )
    await receipts.record({
      channel: 'email',
      providerId: (await deliveryOf(alert, third)).provider_id,
      status: 'failed',
      reason: 'Mailbox full',
    })

    const browser = await signInStaff(await createStaff(organisation, 'sender'))
    const progress = JSON.parse(
      (await browser.get(`/staff/alerts/${alert.id}/progress`, { Accept: 'application/json' })).text
    )
    assert.include(progress, { total: 3, sent: 2, delivered: 1, failed: 1, pending: 0, sending: 0 })
    const { pending, sending, sent, failed, skipped, cancelled } = progress
    assert.equal(
      pending + sending + sent + failed + skipped + cancelled,
      progress.total,
      'delivered is part of sent'
    )
    const page = await browser.get(`/staff/alerts/${alert.id}`)
    assert.match(
      page.text,
      /Of which confirmed delivered<\/th>\s*<td[^>]*data-count="delivered">1</
    )
    assert.include(page.text, 'Mailbox full')
  })

  test('late and out-of-order receipts never move a delivery backwards', async ({
    assert,
    cleanup,
  }) => {
    const events = watchDeliveryEvents(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const early = await createResident(central, [organisation])
    const late = await createResident(central, [organisation])
    const waiting = await createResident(central, [organisation])
    const alert = await dispatchedAlert(
      organisation,
      central.id,
      [early, late, waiting],
      'Out of order'
    )
    await markSent(alert, early, 'email', 'p-early')
    await markSent(alert, late, 'email', 'p-late')

    await receipts.record({ channel: 'email', providerId: 'p-early', status: 'delivered' })
    const afterDelivered = await receipts.record({
      channel: 'email',
      providerId: 'p-early',
      status: 'failed',
      reason: 'Deferred',
    })
    assert.include(afterDelivered, { status: 'delivered', changed: false })

    await receipts.record({
      channel: 'email',
      providerId: 'p-late',
      status: 'failed',
      reason: 'Deferred',
    })
    const afterFailed = await receipts.record({
      channel: 'email',
      providerId: 'p-late',
      status: 'delivered',
    })
    assert.include(afterFailed, { status: 'failed', changed: false })

    assert.equal((await deliveryOf(alert, early)).status, 'delivered')
    assert.equal((await deliveryOf(alert, late)).status, 'failed')
    assert.equal((await deliveryOf(alert, waiting)).status, 'pending', 'no receipt touched it')
    assert.deepEqual(
      events.map((event) => [event.name, event.deliveryId]),
      [
        ['delivery:delivered', Number((await deliveryOf(alert, early)).id)],
        ['delivery:failed', Number((await deliveryOf(alert, late)).id)],
      ]
    )
    // A temporary failure leaves the contact in use.
    const reachable = await AudienceQuery.count({
      organisationId: organisation.id,
      priority: 3,
      criteria: { areaIds: [central.id], channels: ['email'] },
    })
    assert.equal(reachable, 3)
  })

  test('a receipt naming its organisation finds only that organisation’s delivery of a shared provider id', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const first = await createOrganisation('Northshire Police')
    const second = await createOrganisation('Northshire Fire')
    const ours = await createResident(central, [first])
    const theirs = await createResident(central, [second])
    const earlier = await dispatchedAlert(second, central.id, [theirs], 'Theirs, sent first')
    const later = await dispatchedAlert(first, central.id, [ours], 'Ours')
    // Two provider accounts, one per organisation, each numbering its messages from 1.
    await markSent(earlier, theirs, 'email', 'msg-1')
    await markSent(later, ours, 'email', 'msg-1')

    const outcome = await receipts.record({
      channel: 'email',
      providerId: 'msg-1',
      status: 'delivered',
      organisationId: first.id,
    })
    assert.include(outcome, { matched: true, status: 'delivered', changed: true })
    assert.equal((await deliveryOf(later, ours)).status, 'delivered')
    assert.equal(
      (await deliveryOf(earlier, theirs)).status,
      'sent',
      'the other organisation’s is untouched'
    )
  })

  test('a permanent failure marks the delivery failed and suppresses the email address for later alerts', async ({
    assert,
    cleanup,
  }) => {
    const events = watchDeliveryEvents(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const bounced = await createResident(central, [organisation])
    await createResident(central, [organisation])
    const alert = await sentByEmail(organisation, central.id, 'Bounce later')
    const delivery = await deliveryOf(alert, bounced)

    await receipts.record({
      channel: 'email',
      providerId: delivery.provider_id,
      status: 'failed',
      permanent: true,
      reason: 'Mailbox does not exist',
    })
    const failed = await deliveryOf(alert, bounced)
    assert.equal(failed.status, 'failed')
    assert.equal(failed.error, 'Mailbox does not exist')
    assert.deepInclude(events, {
      name: 'delivery:failed',
      deliveryId: Number(delivery.id),
      alertId: alert.id,
      channel: 'email',
      reason: 'Mailbox does not exist',
      permanent: true,
    })
    const resident = await db.from('residents').where('id', bounced.id).first()
    assert.isNotNull(resident.email_bounced_at)

    const next = await sentByEmail(organisation, central.id, 'The next alert')
    const picked = await db.from('deliveries').where('alert_id', next.id).select('resident_id')
    assert.lengthOf(picked, 1)
    assert.notEqual(Number(picked[0].resident_id), bounced.id)
  })

  test('a permanent failure suppresses the push subscription named, or a dead mobile number until it changes', async ({
    assert,
    cleanup,
  }) => {
    const push = contactOnlyChannel('browser_push', 'push_subscription')
    const sms = contactOnlyChannel('sms', 'mobile')
    channelRegistry.register(push, () => false)
    channelRegistry.register(sms, () => false)
    cleanup(() => {
      channelRegistry.unregister(push.id)
      channelRegistry.unregister(sms.id)
    })
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const browsers = await createResident(central, [organisation], { phone: '+447700900400' })
    const laptop = await ResidentContacts.add({
      residentId: browsers.id,
      kind: 'push_subscription',
      value: 'https://push.example/laptop',
    })
    const phone = await ResidentContacts.add({
      residentId: browsers.id,
      kind: 'push_subscription',
      value: 'https://push.example/phone',
    })
    const [pushAlert, smsAlert] = [
      await dispatchedAlert(organisation, central.id, [browsers], 'Push'),
      await dispatchedAlert(organisation, central.id, [browsers], 'SMS'),
    ]
    await markSent(pushAlert, browsers, 'browser_push', 'push-1')
    await markSent(smsAlert, browsers, 'sms', 'sms-1')
    const reach = async (channel: string) =>
      (
        await AudienceQuery.countByChannel(
          { organisationId: organisation.id, priority: 3, criteria: { areaIds: [central.id] } },
          [channel]
        )
      ).byChannel[channel]

    await receipts.record({
      channel: 'browser_push',
      providerId: 'push-1',
      status: 'failed',
      permanent: true,
      contactId: laptop.id,
    })
    const working = await ResidentContacts.list(browsers.id, { kind: 'push_subscription' })
    assert.deepEqual(
      working.map((contact) => contact.id),
      [phone.id],
      'only the browser that is gone'
    )
    assert.equal(await reach('browser_push'), 1)

    assert.equal(await reach('sms'), 1)
    await receipts.record({
      channel: 'sms',
      providerId: 'sms-1',
      status: 'failed',
      permanent: true,
    })
    assert.equal((await deliveryOf(smsAlert, browsers)).status, 'failed')
    assert.equal(await reach('sms'), 0, 'the dead number is not used again')
    await db.from('residents').where('id', browsers.id).update({ phone: '+447700900401' })
    assert.equal(await reach('sms'), 1, 'a new number works')
  })
})
