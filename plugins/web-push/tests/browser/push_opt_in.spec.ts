import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { assertAccessible } from '#tests/helpers/accessibility'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { magicLinkSecret, residentOf, seedSelfService } from '#tests/helpers/self_service_fixtures'
import { pushTransport } from '../../src/push_transport.js'
import { LocalPushService, TestSubscription, localCertificate } from '../helpers/push_service.js'
import { activeServiceWorker, enablePush, sendAlertToCentral } from '../helpers/push_setup.js'

async function signIn(page: Page, resident: Awaited<ReturnType<typeof residentOf>>) {
  await page.goto(`/my-alerts/sign-in/${await magicLinkSecret(resident)}`)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Manage your alerts' }).waitFor()
}

test.group('Browser push in Chromium', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    pushTransport.trust(localCertificate().cert)
    return emptyTablesAfterwards()
  })
  group.each.teardown(() => pushTransport.trust(null))

  test('a resident opts in, an alert is pushed to the service worker, its notification opens the alert', async ({
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

    const page = await visit('/')
    const context = page.context()
    const origin = new URL(page.url()).origin
    await context.grantPermissions(['notifications'], { origin })
    // Headless Chromium reaches no real push service: subscribe() answers with the test's key pair.
    await context.addInitScript((subscribed) => {
      const browser = globalThis as any
      const { Notification, PushManager } = browser
      // Counted across page loads: the opt-in reloads the page.
      const asked = browser.sessionStorage as Storage
      const ask = Notification.requestPermission.bind(Notification)
      Notification.requestPermission = () => {
        asked.setItem('permissionAsked', String(Number(asked.getItem('permissionAsked') ?? 0) + 1))
        return ask()
      }
      const made = { endpoint: subscribed.endpoint, toJSON: () => subscribed }
      PushManager.prototype.getSubscription = async () => null
      PushManager.prototype.subscribe = async () => made
    }, subscription.toJSON())

    await signIn(page, resident)
    const section = page.locator('#web-push')
    await section.getByRole('button', { name: 'Get alerts in this browser' }).waitFor()
    assert.isFalse(await section.getByText('need JavaScript').isVisible())
    assert.equal(
      await page.evaluate(() =>
        Number((globalThis as any).sessionStorage.getItem('permissionAsked'))
      ),
      0,
      'not on load'
    )
    await assertAccessible(page)

    await section.getByRole('button', { name: 'Get alerts in this browser' }).click()
    await page.getByText('Chrome on Linux will now get alerts.').waitFor()
    await section
      .getByText(/Chrome on Linux, added \d{1,2} \w+/)
      .first()
      .waitFor()
    assert.equal(
      await page.evaluate(() =>
        Number((globalThis as any).sessionStorage.getItem('permissionAsked'))
      ),
      1
    )
    await assertAccessible(page)

    // The service worker, registered at the site's root, is the one push messages reach.
    const worker = await activeServiceWorker(page)
    await sendAlertToCentral(world, {
      title: 'Flooding on Main Road',
      body: 'Avoid Main Road until the water goes down.',
      priority: 4,
    })
    await eventually(async () => assert.lengthOf(service.pushes, 1))
    const payload = subscription.decrypt(service.pushes[0].body)
    const alertUrl = JSON.parse(payload).url as string

    // What the push service would hand the browser: the decrypted payload, to the service worker.
    await worker.deliverUntilShown(payload, 'Flooding on Main Road')
    const shown = await eventually(async () => {
      const notifications = await worker.notifications()
      assert.lengthOf(notifications, 1)
      return notifications[0]
    })
    assert.deepInclude(shown, {
      title: 'Flooding on Main Road',
      body: 'Avoid Main Road until the water goes down.',
      url: alertUrl,
    })

    // A click on the notification (no DevTools command exists for it: the event the browser raises).
    const [serviceWorker] = context.serviceWorkers()
    const opened = Promise.race([
      context.waitForEvent('page').then(async (tab) => {
        await tab.waitForURL(alertUrl)
        return tab.url()
      }),
      page.waitForURL(alertUrl).then(() => page.url()),
    ])
    await serviceWorker.evaluate(async () => {
      const scope = globalThis as any
      const [notification] = await scope.registration.getNotifications()
      scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification }))
    })
    assert.equal(await opened, alertUrl)
  }).timeout(120_000)

  test('a browser without push support says why, and asks nothing', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const world = await seedSelfService()
    cleanup(await enablePush(world))
    const resident = await residentOf(world)
    const page = await visit('/')
    await page.context().addInitScript(() => {
      delete (globalThis as any).PushManager
    })
    await signIn(page, resident)
    await page
      .locator('#web-push')
      .getByText('This browser cannot show alerts as notifications.')
      .waitFor()
    assert.isFalse(
      await page.getByRole('button', { name: 'Get alerts in this browser' }).isVisible()
    )
    await assertAccessible(page)
  }).timeout(60_000)
})
