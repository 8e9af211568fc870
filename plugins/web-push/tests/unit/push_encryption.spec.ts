import { test } from '@japa/runner'
import webpush from 'web-push'
import { TestSubscription, verifyVapid, type LocalPushService } from '../helpers/push_service.js'
import { VapidSigner } from '../../src/vapid_signer.js'
import { pushOptionsFor, retryAfterSeconds, shortText, topicFor } from '../../src/push_options.js'
import { addedOn, browserLabel } from '../../src/browser_label.js'

const service = { origin: 'https://push.example.test' } as LocalPushService

test.group('Browser push: what goes on the wire', () => {
  test('the test helper decrypts what web-push encrypts for a subscription (RFC 8291)', ({
    assert,
  }) => {
    const subscription = new TestSubscription(service)
    const details = webpush.generateRequestDetails(subscription.toJSON(), '{"title":"Hello"}')
    assert.equal(details.headers['Content-Encoding'], 'aes128gcm')
    assert.equal(subscription.decrypt(details.body as Buffer), '{"title":"Hello"}')
    const other = new TestSubscription(service)
    assert.throws(() => other.decrypt(details.body as Buffer))
  })

  test('the VAPID header is signed once per push service and signed again near its expiry', ({
    assert,
  }) => {
    const keys = webpush.generateVAPIDKeys()
    const identity = { subject: 'mailto:alerts@example.org', ...keys }
    let now = Date.parse('2026-03-03T10:00:00Z')
    const signer = new VapidSigner(() => now)
    const first = signer.authorization('https://fcm.example.test/send/abc', identity)
    assert.equal(signer.authorization('https://fcm.example.test/send/def', identity), first)
    const mozilla = signer.authorization('https://updates.example.test/wpush/v2/x', identity)
    assert.notEqual(mozilla, first)
    assert.equal(signer.size, 2)

    const { claims, publicKey } = verifyVapid(first)
    assert.equal(claims.aud, 'https://fcm.example.test')
    assert.equal(claims.sub, 'mailto:alerts@example.org')
    assert.equal(publicKey, keys.publicKey)
    assert.equal(claims.exp, now / 1000 + 12 * 3600)

    now += 10 * 3600 * 1000
    assert.equal(signer.authorization('https://fcm.example.test/send/abc', identity), first)
    now += 1.5 * 3600 * 1000
    const renewed = signer.authorization('https://fcm.example.test/send/abc', identity)
    assert.notEqual(renewed, first)
    assert.isAbove(verifyVapid(renewed).claims.exp, claims.exp)
  })

  test('priority sets Urgency and TTL; the topic names the alert', ({ assert }) => {
    assert.deepEqual(pushOptionsFor(5), { urgency: 'high', ttl: 6 * 3600 })
    assert.deepEqual(pushOptionsFor(3), { urgency: 'normal', ttl: 24 * 3600 })
    assert.deepEqual(pushOptionsFor(1), { urgency: 'very-low', ttl: 72 * 3600 })
    assert.equal(topicFor(42), 'alert-42')
    assert.match(topicFor(9_999_999_999), /^[A-Za-z0-9_-]{1,32}$/)
  })

  test('the short text and Retry-After', ({ assert }) => {
    assert.equal(shortText('A  short\nalert'), 'A short alert')
    const long = shortText('word '.repeat(100))
    assert.isAtMost(long.length, 180)
    assert.isTrue(long.endsWith('…'))
    assert.equal(retryAfterSeconds('120'), 120)
    assert.equal(
      retryAfterSeconds('Tue, 03 Mar 2026 10:01:00 GMT', Date.parse('2026-03-03T10:00:00Z')),
      60
    )
    assert.isUndefined(retryAfterSeconds('soon'))
    assert.isUndefined(retryAfterSeconds(undefined))
  })

  test('browsers are named as residents know them', ({ assert }) => {
    assert.equal(
      browserLabel(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'
      ),
      'Chrome on Android'
    )
    assert.equal(
      browserLabel(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'
      ),
      'Safari on iPhone'
    )
    assert.equal(
      browserLabel(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'
      ),
      'Firefox on Windows'
    )
    assert.equal(browserLabel(undefined), 'A browser')
    const now = new Date('2026-06-01T12:00:00Z')
    assert.equal(addedOn(new Date('2026-03-03T09:00:00Z'), now), '3 March')
    assert.equal(addedOn(new Date('2025-03-03T09:00:00Z'), now), '3 March 2025')
  })
})
