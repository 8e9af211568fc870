import { test } from '@japa/runner'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues, queueFinished } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import {
  magicLinkSecret,
  residentOf,
  seedSelfService,
  signedInAs,
  type SelfServiceWorld,
} from '#tests/helpers/self_service_fixtures'
import { pushTransport } from '../../src/push_transport.js'
import { registeredChannel } from '../../plugin.js'
import { LocalPushService, TestSubscription, localCertificate } from '../helpers/push_service.js'

const SETTINGS = '/staff/settings/plugins/web-push'

async function enablePush(world: SelfServiceWorld) {
  const admin = await signInStaff(await createStaff(world.opcc, 'admin', { installAdmin: true }))
  await admin.get(SETTINGS)
  await admin.post(SETTINGS, { enabled: 'true' })
  await admin.post(`${SETTINGS}/settings`, { contact_email: 'alerts@example.org', _intent: 'save' })
  return async () => {
    await admin.get(SETTINGS)
    await admin.post(SETTINGS, { enabled: 'false' })
  }
}

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
    const other = await signedInAs(await residentOf(world))
    await other.get('/my-alerts/account')
    await other.postJson('/my-alerts/plugins/web-push/browsers', busy.toJSON())

    const page = await visit('/')
    const context = page.context()
    const origin = new URL(page.url()).origin
    await context.grantPermissions(['notifications'], { origin })
    // Headless Chromium reaches no real push service: subscribe() answers with the test's key pair.
    await context.addInitScript((subscribed) => {
      const { PushManager } = globalThis as any
      const made = { endpoint: subscribed.endpoint, toJSON: () => subscribed }
      PushManager.prototype.getSubscription = async () => null
      PushManager.prototype.subscribe = async () => made
    }, subscription.toJSON())
    await page.goto(`/my-alerts/sign-in/${await magicLinkSecret(resident)}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('button', { name: 'Get alerts in this browser' }).click()
    await page.getByText('will now get alerts.').waitFor()

    const cdp = await context.newCDPSession(page)
    const registrations = new Map<string, string>()
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
      for (const registration of updated) {
        if (!registration.isDeleted) {
          registrations.set(registration.scopeURL, registration.registrationId)
        }
      }
    })
    // A push delivered before the worker is activated is dropped: wait for an active version.
    const activated = new Set<string>()
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) {
        if (version.status === 'activated') activated.add(version.registrationId)
      }
    })
    await cdp.send('ServiceWorker.enable')
    await eventually(async () => {
      assert.isTrue(registrations.has(`${origin}/`))
      assert.isTrue(activated.has(registrations.get(`${origin}/`)!))
    })
    await page.evaluate(() => (globalThis as any).navigator.serviceWorker.ready.then(() => true))
    /** What the push service would hand the browser: the decrypted payload, to the service worker. */
    const deliver = (payload: string) =>
      cdp.send('ServiceWorker.deliverPushMessage', {
        origin,
        registrationId: registrations.get(`${origin}/`)!,
        data: payload,
      })
    const notifications = () =>
      page.evaluate(async () => {
        const registration = await (globalThis as any).navigator.serviceWorker.ready
        return (await registration.getNotifications()).map((notification: any) => ({
          title: notification.title,
          body: notification.body,
          tag: notification.tag,
        }))
      })
    const toThisBrowser = () => service.pushes.filter((push) => push.path === subscription.path)

    const sender = await signInStaff(await createStaff(world.opcc, 'sender'))
    const review = await sender.submit(
      '/staff/alerts/new',
      {
        'title': 'Flooding on Main Road',
        'body': 'Avoid Main Road until the water goes down.',
        'priority': 4,
        'areaIds[]': [world.areas.central.id],
      },
      { action: '/staff/alerts' }
    )
    const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
    await sender.post(`/staff/alerts/${alertId}/send`)
    await eventually(async () => {
      assert.lengthOf(toThisBrowser(), 1)
      assert.lengthOf(service.pushes, 2, 'and the busy one')
    })
    await deliver(subscription.decrypt(toThisBrowser()[0].body))
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
    await deliver(subscription.decrypt(toThisBrowser()[1].body))

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
