import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { BrowserLikeSession } from '#tests/helpers/http'
import { residentOf, seedSelfService, signedInAs } from '#tests/helpers/self_service_fixtures'
import { pushTransport } from '../../src/push_transport.js'
import {
  LocalPushService,
  TestSubscription,
  localCertificate,
  verifyVapid,
} from '../helpers/push_service.js'

const SETTINGS = '/staff/settings/plugins/web-push'
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'

test.group('Browser push: from Settings to the resident’s browsers', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    pushTransport.trust(localCertificate().cert)
    return emptyTablesAfterwards()
  })
  group.each.teardown(() => pushTransport.trust(null))

  test('enabling makes encrypted keys; a resident adds two browsers; an alert reaches each once, encrypted, with Urgency, TTL and Topic', async ({
    assert,
    cleanup,
  }) => {
    const service = await new LocalPushService().start()
    cleanup(() => service.stop())
    const world = await seedSelfService()
    const admin = await signInStaff(await createStaff(world.opcc, 'admin', { installAdmin: true }))
    await admin.get(SETTINGS)
    assert.include((await admin.post(SETTINGS, { enabled: 'true' })).text, 'is now enabled')
    cleanup(async () => {
      await admin.get(SETTINGS)
      await admin.post(SETTINGS, { enabled: 'false' })
    })
    const incomplete = await admin.get(SETTINGS)
    assert.include(incomplete.text, 'Contact email for push services')
    const refused = await admin.post(`${SETTINGS}/settings`, {
      contact_email: 'not an address',
      _intent: 'save',
    })
    assert.include(refused.text, 'Enter the contact email as an address, like alerts@example.org')
    await admin.post(`${SETTINGS}/settings`, {
      contact_email: 'alerts@example.org',
      _intent: 'save',
    })

    // The key pair exists, encrypted: the stored settings never show it.
    const stored = await db.from('plugins').where('id', 'web-push').first()
    assert.notInclude(stored.settings, 'alerts@example.org')

    const resident = await residentOf(world)
    const browser = await signedInAs(resident)
    const page = await browser.get('/my-alerts/account')
    assert.include(page.text, 'Alerts in your browser')
    assert.include(page.text, 'need JavaScript')
    const publicKey = /data-public-key="([^"]+)"/.exec(page.text)?.[1] ?? ''
    assert.lengthOf(Buffer.from(publicKey, 'base64url'), 65, 'an uncompressed P-256 public key')
    assert.include(page.text, '<link rel="manifest" href="/plugins/web-push/manifest.webmanifest')

    const phone = new TestSubscription(service, 'phone')
    const laptop = new TestSubscription(service, 'laptop')
    const added = await browser.postJson('/my-alerts/plugins/web-push/browsers', phone.toJSON(), {
      'User-Agent': ANDROID,
    })
    assert.equal(added.status, 201)
    await browser.get('/my-alerts/account')
    await browser.postJson('/my-alerts/plugins/web-push/browsers', laptop.toJSON(), {
      'User-Agent': FIREFOX,
    })
    await browser.get('/my-alerts/account')
    // The same browser subscribing again stays one browser.
    await browser.postJson('/my-alerts/plugins/web-push/browsers', phone.toJSON(), {
      'User-Agent': ANDROID,
    })
    const listed = await browser.get('/my-alerts/account')
    assert.match(listed.text, /Chrome on Android, added \d{1,2} \w+/)
    assert.match(listed.text, /Firefox on Windows, added \d{1,2} \w+/)
    assert.equal(listed.text.match(/Chrome on Android, added/g)?.length, 2, 'text and button')

    const bad = await browser.postJson('/my-alerts/plugins/web-push/browsers', {
      endpoint: 'http://insecure.example/push',
      keys: { p256dh: 'x', auth: 'y' },
    })
    assert.equal(bad.status, 422)
    assert.include(bad.text, 'Your browser sent a subscription this site cannot use.')

    const sender = await signInStaff(await createStaff(world.opcc, 'sender'))
    const review = await sender.submit(
      '/staff/alerts/new',
      {
        'title': 'Road closed',
        'body': 'The **A15** is closed between Lincoln and Scampton until 6pm.',
        'priority': 4,
        'areaIds[]': [world.areas.central.id],
      },
      { action: '/staff/alerts' }
    )
    const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
    assert.isAbove(alertId, 0)
    await sender.post(`/staff/alerts/${alertId}/send`)

    await eventually(async () => assert.lengthOf(service.pushes, 2))
    const byPath = new Map(service.pushes.map((push) => [push.path, push]))
    for (const subscription of [phone, laptop]) {
      const push = byPath.get(subscription.path)!
      assert.equal(push.headers['content-encoding'], 'aes128gcm')
      assert.equal(push.headers['urgency'], 'high')
      assert.equal(push.headers['ttl'], String(12 * 3600))
      assert.equal(push.headers['topic'], `alert-${alertId}`)
      const payload = JSON.parse(subscription.decrypt(push.body))
      assert.equal(payload.title, 'Road closed')
      assert.equal(payload.body, 'The A15 is closed between Lincoln and Scampton until 6pm.')
      assert.equal(payload.priority, 4)
      assert.equal(payload.priorityLabel, 'Urgent')
      assert.match(payload.url, /^http:\/\/localhost:\d+\/(alerts\/\d+|my-alerts\/received)$/)
      // The notification's "Rate this alert" action: the resident's short link, one per resident.
      assert.match(payload.rateUrl, /^http:\/\/localhost:\d+\/r\/[A-Za-z0-9]{10}$/)
      const rating = await new BrowserLikeSession().get(payload.rateUrl)
      assert.include(rating.text, 'Rate this alert')
      assert.include(new URL(rating.url).pathname, `/alerts/${alertId}/ratings/`)
      const { claims, publicKey: signedWith } = verifyVapid(push.headers['authorization'])
      assert.equal(claims.aud, service.origin)
      assert.equal(claims.sub, 'mailto:alerts@example.org')
      assert.equal(signedWith, publicKey)
    }
    assert.equal(
      service.pushes[0].headers['authorization'],
      service.pushes[1].headers['authorization'],
      'signed once for the push service'
    )

    await eventually(async () => {
      const rows = await db
        .from('deliveries')
        .where('alert_id', alertId)
        .orderBy('channel')
        .select('channel', 'status')
      assert.deepEqual(
        rows.map((row) => `${row.channel}:${row.status}`),
        ['email:sent', 'web-push:sent'],
        'one delivery per channel for the resident'
      )
    })
  })

  test('a browser that is gone (410) is removed; a busy push service (429, then 503) is retried after Retry-After without pushing twice to a browser that took it', async ({
    assert,
    cleanup,
  }) => {
    const service = await new LocalPushService().start()
    cleanup(() => service.stop())
    const world = await seedSelfService()
    const admin = await signInStaff(await createStaff(world.opcc, 'admin', { installAdmin: true }))
    await admin.get(SETTINGS)
    await admin.post(SETTINGS, { enabled: 'true' })
    cleanup(async () => {
      await admin.get(SETTINGS)
      await admin.post(SETTINGS, { enabled: 'false' })
    })
    await admin.post(`${SETTINGS}/settings`, {
      contact_email: 'alerts@example.org',
      _intent: 'save',
    })

    const resident = await residentOf(world)
    const browser = await signedInAs(resident)
    const gone = new TestSubscription(service, 'gone')
    const busy = new TestSubscription(service, 'busy')
    const fine = new TestSubscription(service, 'fine')
    for (const subscription of [gone, busy, fine]) {
      await browser.get('/my-alerts/account')
      await browser.postJson('/my-alerts/plugins/web-push/browsers', subscription.toJSON(), {
        'User-Agent': ANDROID,
      })
    }

    service.answersFor.set(gone.path, [{ status: 410 }])
    service.answersFor.set(busy.path, [
      { status: 429, headers: { 'Retry-After': '1' } },
      { status: 503, headers: { 'Retry-After': '0' } },
    ])

    const sender = await signInStaff(await createStaff(world.opcc, 'sender'))
    const review = await sender.submit(
      '/staff/alerts/new',
      {
        'title': 'Flood warning',
        'body': 'Move valuables upstairs.',
        'priority': 5,
        'areaIds[]': [world.areas.central.id],
      },
      { action: '/staff/alerts' }
    )
    const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
    await sender.post(`/staff/alerts/${alertId}/send`)

    await eventually(async () => {
      const delivery = await db
        .from('deliveries')
        .where({ alert_id: alertId, channel: 'web-push' })
        .first()
      assert.equal(delivery.status, 'sent')
    }, 30_000)
    const paths = service.pushes.map((push) => push.path)
    assert.equal(paths.filter((path) => path === fine.path).length, 1, 'never twice')
    assert.equal(paths.filter((path) => path === gone.path).length, 1, 'never retried')
    assert.equal(paths.filter((path) => path === busy.path).length, 3, '429, 503, then 201')

    const page = await browser.get('/my-alerts/account')
    assert.equal(page.text.match(/Chrome on Android, added/g)?.length, 4, 'two browsers left')
  })

  test('“Send a test to me” pushes to the browsers of the resident with the member’s email, and explains when there is none', async ({
    assert,
    cleanup,
  }) => {
    const service = await new LocalPushService().start()
    cleanup(() => service.stop())
    const world = await seedSelfService()
    const member = await createStaff(world.opcc, 'admin', { installAdmin: true })
    const admin = await signInStaff(member)
    await admin.get(SETTINGS)
    await admin.post(SETTINGS, { enabled: 'true' })
    cleanup(async () => {
      await admin.get(SETTINGS)
      await admin.post(SETTINGS, { enabled: 'false' })
    })
    await admin.post(`${SETTINGS}/settings`, {
      contact_email: 'alerts@example.org',
      _intent: 'save',
    })

    await admin.get('/staff/settings/channels')
    const none = await admin.post('/staff/settings/channels/web-push/test')
    assert.include(none.text, 'no resident has your email address')

    const resident = await residentOf(world, { email: member.email })
    const browser = await signedInAs(resident)
    await browser.get('/my-alerts/account')
    const subscription = new TestSubscription(service, 'staff')
    await browser.postJson('/my-alerts/plugins/web-push/browsers', subscription.toJSON())

    await admin.get('/staff/settings/channels')
    const sent = await admin.post('/staff/settings/channels/web-push/test')
    assert.include(sent.text, 'Browser notification: the test was sent to you.')
    assert.lengthOf(service.pushes, 1)
    const payload = JSON.parse(subscription.decrypt(service.pushes[0].body))
    assert.equal(payload.title, 'Test alert')
    assert.include(payload.body, 'No resident received it.')
    assert.isNull(payload.rateUrl, 'a test send has no rating link')
  })
})
