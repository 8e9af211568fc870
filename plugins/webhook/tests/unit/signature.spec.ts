import { test } from '@japa/runner'
import { signatureHeader, verifySignature } from '../../src/signature.js'
import { retryAfterSeconds } from '../../src/webhook_client.js'

const SECRET = 'a-signing-secret-of-24-chars'

test.group('Webhook plugin: signatures', () => {
  test('a receiver accepts a fresh request signed with its secret', ({ assert }) => {
    const now = 1_800_000_000
    const body = '{"event":"alert"}'
    const header = signatureHeader(SECRET, body, now)
    assert.match(header, /^t=1800000000,v1=[0-9a-f]{64}$/)
    assert.isTrue(verifySignature(SECRET, body, header, now + 10))
  })

  test('it refuses another secret, a changed body, a changed timestamp and an old request', ({
    assert,
  }) => {
    const now = 1_800_000_000
    const body = '{"event":"alert"}'
    const header = signatureHeader(SECRET, body, now)
    assert.isFalse(verifySignature('another-secret-of-24-chars!!', body, header, now))
    assert.isFalse(verifySignature(SECRET, '{"event":"alert!"}', header, now))
    assert.isFalse(
      verifySignature(SECRET, body, header.replace('t=1800000000', 't=1800000100'), now + 100)
    )
    assert.isFalse(verifySignature(SECRET, body, header, now + 301), 'a replay after five minutes')
    assert.isFalse(verifySignature(SECRET, body, undefined, now))
    assert.isFalse(verifySignature(SECRET, body, 't=1800000000,v1=zz', now))
  })

  test('Retry-After is read as seconds or as a date', ({ assert }) => {
    assert.equal(retryAfterSeconds('120'), 120)
    const now = Date.parse('2026-12-06T20:00:00Z')
    assert.equal(retryAfterSeconds('Sun, 06 Dec 2026 20:01:00 GMT', now), 60)
    assert.isUndefined(retryAfterSeconds('soon'))
    assert.isUndefined(retryAfterSeconds(undefined))
  })
})
