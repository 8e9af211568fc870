import { test } from '@japa/runner'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues, queueFinished } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { magicLinkSecret, residentOf, seedSelfService } from '#tests/helpers/self_service_fixtures'
import { pushTransport } from '../../src/push_transport.js'
import { registeredChannel } from '../../plugin.js'
import { LocalPushService, TestSubscription, localCertificate } from '../helpers/push_service.js'
import {
  activeServiceWorker,
  enablePush,
  residentWithBrowsers,
  sendAlertToCentral,
  subscribeWithTestKeys,
} from '../helpers/push_setup.js'

test.group('Browser push in Chromium: a cancelled alert', (group) => {
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

  test('the notification of an alert staff cancel is replaced by “Cancelled: …” in the browser', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const service = await new LocalPushService().start()
    cleanup(() => service.stop())
    const world = await seedSelfService()
    cleanup(await enablePush(world))
    const resident = await residentOf(world)
    const subscription = new TestSubscription(service, 'chromium')
    // Another resident's push service asks for an hour: the send stays under way, so it can be cancelled.
    const busy = new TestSubscription(service, 'busy')
    service.answersFor.set(busy.path, [{ status: 429, headers: { 'Retry-After': '3600' } }])
    await residentWithBrowsers(world, [busy])

    const page = await visit('/')
    const context = page.context()
    await context.grantPermissions(['notifications'], { origin: new URL(page.url()).origin })
    await subscribeWithTestKeys(context, subscription)
    await page.goto(`/my-alerts/sign-in/${await magicLinkSecret(resident)}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('button', { name: 'Get alerts in this browser' }).click()
    await page.getByText('will now get alerts.').waitFor()

    const worker = await activeServiceWorker(page)
    const notifications = async () =>
      (await worker.notifications()).map(({ title, body, tag }) => ({ title, body, tag }))
    const toThisBrowser = () => service.pushes.filter((push) => push.path === subscription.path)

    const { alertId, sender } = await sendAlertToCentral(world, {
      title: 'Flooding on Main Road',
      body: 'Avoid Main Road until the water goes down.',
      priority: 4,
    })
    await eventually(async () => {
      assert.lengthOf(toThisBrowser(), 1)
      assert.lengthOf(service.pushes, 2, 'and the busy one')
    })
    await worker.deliverUntilShown(
      subscription.decrypt(toThisBrowser()[0].body),
      'Flooding on Main Road'
    )
    const first = await eventually(async () => {
      const shown = await notifications()
      assert.lengthOf(shown, 1)
      return shown[0]
    })
    assert.equal(first.title, 'Flooding on Main Road')
    assert.equal(first.tag, `alert-${alertId}`)

    await sender.get(`/staff/alerts/${alertId}/cancel`)
    const cancelled = await sender.post(`/staff/alerts/${alertId}/cancel`)
    assert.include(cancelled.text, 'The alert was cancelled.')
    await eventually(async () => assert.lengthOf(toThisBrowser(), 2))
    await worker.deliverUntilShown(
      subscription.decrypt(toThisBrowser()[1].body),
      'Cancelled: Flooding on Main Road'
    )

    await eventually(async () => {
      assert.deepEqual(
        await notifications(),
        [
          {
            title: 'Cancelled: Flooding on Main Road',
            body: 'Lincolnshire OPCC cancelled this alert. You can ignore it.',
            tag: first.tag,
          },
        ],
        'one notification, in place of the alert’s'
      )
    })
  }).timeout(120_000)
})
