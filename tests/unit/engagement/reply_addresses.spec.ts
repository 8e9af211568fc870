import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import ReplyAddresses from '#services/engagement/replies/reply_addresses'

const DAY_MS = 24 * 60 * 60 * 1000
const SENT = Date.UTC(2026, 11, 7, 9, 0)

test.group('Reply addresses', (group) => {
  group.each.setup(() => {
    const address = config.get('beacon.replies.emailAddress')
    const secret = config.get('beacon.replies.inboundSecret')
    config.set('beacon.replies.emailAddress', 'Replies@Alerts.Example.org')
    config.set('beacon.replies.inboundSecret', 's'.repeat(32))
    return () => {
      config.set('beacon.replies.emailAddress', address)
      config.set('beacon.replies.inboundSecret', secret)
    }
  })

  test('a token names its resident and alert, for 90 days, and no other', ({ assert }) => {
    const address = ReplyAddresses.address(4242, 17, SENT)!
    assert.match(address, /^Replies\+[a-z2-7]{32}@alerts\.example\.org$/)
    const token = ReplyAddresses.tokenIn(address.toUpperCase())!
    assert.deepEqual(ReplyAddresses.check(token, SENT + 90 * DAY_MS), {
      valid: true,
      residentId: 4242,
      alertId: 17,
    })
    assert.deepEqual(ReplyAddresses.check(token, SENT + 91 * DAY_MS), {
      valid: false,
      reason: 'expired',
    })
    // Every single character changed is a forgery.
    for (let index = 0; index < token.length; index++) {
      const changed =
        token.slice(0, index) + (token[index] === 'a' ? 'b' : 'a') + token.slice(index + 1)
      assert.isFalse(ReplyAddresses.check(changed, SENT).valid, `position ${index}`)
    }
    assert.equal(ReplyAddresses.tokenIn(address.replace('Replies', 'other')), null)
    assert.equal(ReplyAddresses.tokenIn(address.replace('example.org', 'example.com')), null)
  })

  test('no address without the relay’s secret, and none for a test send', ({ assert }) => {
    assert.isNull(ReplyAddresses.address(0, 17, SENT))
    config.set('beacon.replies.inboundSecret', 'short')
    assert.isNull(ReplyAddresses.address(4242, 17, SENT))
  })
})
