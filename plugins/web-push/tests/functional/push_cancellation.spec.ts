import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues, queueFinished } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { seedSelfService, type SelfServiceWorld } from '#tests/helpers/self_service_fixtures'
import { pushTransport } from '../../src/push_transport.js'
import { registeredChannel } from '../../plugin.js'
import {
  LocalPushService,
  TestSubscription,
  localCertificate,
  type ReceivedPush,
} from '../helpers/push_service.js'
import { enablePush, residentWithBrowsers, sendAlertToCentral } from '../helpers/push_setup.js'

/** An urgent alert to Central ward, sent by a sender; answers its id and the sender. */
function sendRoadClosed(world: SelfServiceWorld) {
  return sendAlertToCentral(world, {
    title: 'Road closed',
    body: 'The A15 is closed between Lincoln and Scampton until 6pm.',
    priority: 4,
  })
}

function pushesTo(service: LocalPushService, subscription: TestSubscription): ReceivedPush[] {
  return service.pushes.filter((push) => push.path === subscription.path)
}

async function pushDelivery(alertId: number, residentOrder: number) {
  const rows = await db
    .from('deliveries')
    .where({ alert_id: alertId, channel: 'web-push' })
    .orderBy('resident_id')
  return rows[residentOrder]
}

test.group('Browser push: a cancelled alert replaces the earlier push', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    pushTransport.trust(localCertificate().cert)
    return emptyTablesAfterwards()
  })
  group.each.teardown(async () => {
    await registeredChannel()?.cancellations.settled()
    await queueFinished('send-email')
    pushTransport.trust(null)
  })

  test('staff cancel a send under way: each browser that took the alert gets “Cancelled” with the same Topic and tag; a busy push service is asked again; a browser that never showed it gets nothing', async ({
    assert,
    cleanup,
  }) => {
    const service = await new LocalPushService().start()
    cleanup(() => service.stop())
    const world = await seedSelfService()
    cleanup(await enablePush(world))
    const phone = new TestSubscription(service, 'phone')
    const laptop = new TestSubscription(service, 'laptop')
    const busy = new TestSubscription(service, 'busy')
    await residentWithBrowsers(world, [phone, laptop])
    await residentWithBrowsers(world, [busy])
    // The second resident's push service asks for an hour: the send stays under way, cancellable.
    service.answersFor.set(busy.path, [{ status: 429, headers: { 'Retry-After': '3600' } }])
    // The laptop's push service is busy when the cancellation comes, then takes it.
    service.answersFor.set(laptop.path, [{ status: 201 }, { status: 503 }])

    const { alertId, sender } = await sendRoadClosed(world)
    await eventually(async () => {
      assert.lengthOf(service.pushes, 3)
      assert.equal((await pushDelivery(alertId, 0)).status, 'sent')
      const waiting = await pushDelivery(alertId, 1)
      assert.equal(waiting.status, 'pending')
      assert.isNotNull(waiting.next_attempt_at)
    })
    const [firstToPhone] = pushesTo(service, phone)
    const shown = JSON.parse(phone.decrypt(firstToPhone.body))
    assert.equal(shown.title, 'Road closed')

    const confirm = await sender.get(`/staff/alerts/${alertId}/cancel`)
    assert.include(confirm.text, 'Cancel “Road closed”?')
    const cancelled = await sender.post(`/staff/alerts/${alertId}/cancel`)
    assert.include(cancelled.text, 'The alert was cancelled.')

    await eventually(async () => {
      assert.lengthOf(pushesTo(service, phone), 2)
      assert.lengthOf(pushesTo(service, laptop), 2, 'the alert, then the cancellation (503)')
    })
    await registeredChannel()!.cancellations.settled()
    const replacement = pushesTo(service, phone)[1]
    assert.equal(replacement.headers['topic'], `alert-${alertId}`)
    assert.equal(replacement.headers['topic'], firstToPhone.headers['topic'])
    assert.equal(replacement.headers['urgency'], 'high')
    assert.equal(replacement.headers['ttl'], String(12 * 3600))
    const payload = JSON.parse(phone.decrypt(replacement.body))
    assert.equal(payload.title, 'Cancelled: Road closed')
    assert.equal(payload.body, 'Lincolnshire OPCC cancelled this alert. You can ignore it.')
    assert.equal(payload.tag, shown.tag, 'the same notification tag: it replaces the alert')
    assert.isTrue(payload.cancelled)

    // The busy push service is asked again by the plugin's schedule, a minute later.
    await registeredChannel()!.cancellations.catchUp(Date.now() + 2 * 60_000)
    const toLaptop = pushesTo(service, laptop)
    assert.lengthOf(toLaptop, 3)
    assert.equal(toLaptop[2].headers['topic'], `alert-${alertId}`)
    assert.equal(JSON.parse(laptop.decrypt(toLaptop[2].body)).title, 'Cancelled: Road closed')
    await registeredChannel()!.cancellations.catchUp(Date.now() + 10 * 60_000)
    assert.lengthOf(service.pushes, 6, 'each browser replaced once')

    assert.lengthOf(pushesTo(service, busy), 1, 'never showed the alert: nothing to replace')
    assert.equal((await pushDelivery(alertId, 1)).status, 'cancelled')
  })

  test('a push still on its way when the alert is cancelled is replaced as soon as the push service takes it', async ({
    assert,
    cleanup,
  }) => {
    const service = await new LocalPushService().start()
    cleanup(() => service.stop())
    const world = await seedSelfService()
    cleanup(await enablePush(world))
    const phone = new TestSubscription(service, 'phone')
    await residentWithBrowsers(world, [phone])
    const release = service.hold(phone.path)

    const { alertId, sender } = await sendRoadClosed(world)
    await eventually(async () => assert.lengthOf(service.pushes, 1))
    await sender.get(`/staff/alerts/${alertId}/cancel`)
    const cancelled = await sender.post(`/staff/alerts/${alertId}/cancel`)
    assert.include(cancelled.text, 'The alert was cancelled.')
    await registeredChannel()!.cancellations.settled()
    assert.lengthOf(service.pushes, 1, 'not yet known to have reached the browser')

    release()
    await eventually(async () => assert.lengthOf(service.pushes, 2))
    const [first, replacement] = service.pushes
    assert.equal(replacement.headers['topic'], first.headers['topic'])
    const payload = JSON.parse(phone.decrypt(replacement.body))
    assert.equal(payload.title, 'Cancelled: Road closed')
    assert.equal(payload.tag, JSON.parse(phone.decrypt(first.body)).tag)
    await eventually(async () => assert.equal((await pushDelivery(alertId, 0)).status, 'sent'))
  })
})
