import type { BrowserContext, Page } from 'playwright'
import { eventually } from '#tests/helpers/eventually'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { residentOf, signedInAs, type SelfServiceWorld } from '#tests/helpers/self_service_fixtures'
import type { TestSubscription } from './push_service.js'

export const SETTINGS = '/staff/settings/plugins/web-push'

/**
 * The plugin enabled by an install admin through Settings → Plugins, with its
 * contact email saved. Answers the step that disables it again.
 */
export async function enablePush(world: SelfServiceWorld) {
  const admin = await signInStaff(await createStaff(world.opcc, 'admin', { installAdmin: true }))
  await admin.get(SETTINGS)
  await admin.post(SETTINGS, { enabled: 'true' })
  await admin.post(`${SETTINGS}/settings`, { contact_email: 'alerts@example.org', _intent: 'save' })
  return async () => {
    await admin.get(SETTINGS)
    await admin.post(SETTINGS, { enabled: 'false' })
  }
}

/** A resident of Central ward who pressed "Get alerts in this browser" in each of these browsers. */
export async function residentWithBrowsers(
  world: SelfServiceWorld,
  subscriptions: TestSubscription[]
) {
  const browser = await signedInAs(await residentOf(world))
  for (const subscription of subscriptions) {
    await browser.get('/my-alerts/account')
    await browser.postJson('/my-alerts/plugins/web-push/browsers', subscription.toJSON())
  }
  return browser
}

/** A sender composes an alert to Central ward and sends it; answers its id and the sender. */
export async function sendAlertToCentral(
  world: SelfServiceWorld,
  alert: { title: string; body: string; priority: number }
) {
  const sender = await signInStaff(await createStaff(world.opcc, 'sender'))
  const review = await sender.submit(
    '/staff/alerts/new',
    {
      'title': alert.title,
      'body': alert.body,
      'priority': alert.priority,
      'areaIds[]': [world.areas.central.id],
    },
    { action: '/staff/alerts' }
  )
  const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
  await sender.post(`/staff/alerts/${alertId}/send`)
  return { alertId, sender }
}

/** Headless Chromium reaches no real push service: subscribe() answers with the test's key pair. */
export async function subscribeWithTestKeys(
  context: BrowserContext,
  subscription: TestSubscription
) {
  await context.addInitScript((subscribed) => {
    const { PushManager } = globalThis as any
    const made = { endpoint: subscribed.endpoint, toJSON: () => subscribed }
    PushManager.prototype.getSubscription = async () => null
    PushManager.prototype.subscribe = async () => made
  }, subscription.toJSON())
}

export interface ShownNotification {
  title: string
  body: string
  tag: string
  url: string | undefined
}

/**
 * The site's service worker, through the DevTools protocol, once it is
 * active: a push delivered before that is dropped. `deliver` hands it what
 * the push service would (the decrypted payload); `notifications` lists what
 * it shows.
 */
export async function activeServiceWorker(page: Page) {
  const context = page.context()
  const origin = new URL(page.url()).origin
  const cdp = await context.newCDPSession(page)
  const registrations = new Map<string, string>()
  cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
    for (const registration of updated) {
      if (!registration.isDeleted)
        registrations.set(registration.scopeURL, registration.registrationId)
    }
  })
  const activated = new Set<string>()
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) {
      if (version.status === 'activated') activated.add(version.registrationId)
    }
  })
  await cdp.send('ServiceWorker.enable')
  await eventually(async () => {
    const id = registrations.get(`${origin}/`)
    if (!id || !activated.has(id)) throw new Error('The service worker at / is not active yet')
  })
  await page.evaluate(() => (globalThis as any).navigator.serviceWorker.ready.then(() => true))
  const deliver = (payload: string) =>
    cdp.send('ServiceWorker.deliverPushMessage', {
      origin,
      registrationId: registrations.get(`${origin}/`)!,
      data: payload,
    })
  const notifications = (): Promise<ShownNotification[]> =>
    page.evaluate(async () => {
      const registration = await (globalThis as any).navigator.serviceWorker.ready
      return (await registration.getNotifications()).map((notification: any) => ({
        title: notification.title,
        body: notification.body,
        tag: notification.tag,
        url: notification.data?.url,
      }))
    })
  return {
    deliver,
    notifications,
    /**
     * Delivers the push until the worker shows a notification of this title. DevTools' push
     * delivery is now and then lost while the worker starts (twice in CI on PostgreSQL); an
     * alert's notifications carry its tag, so one delivered again replaces itself, never adds.
     */
    async deliverUntilShown(payload: string, title: string) {
      const deadline = Date.now() + 20_000
      while (Date.now() < deadline) {
        await deliver(payload)
        const shownBy = Date.now() + 2_000
        while (Date.now() < shownBy) {
          if ((await notifications()).some((shown) => shown.title === title)) return
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
      }
      throw new Error(`The service worker showed no notification “${title}” for its push`)
    },
  }
}
