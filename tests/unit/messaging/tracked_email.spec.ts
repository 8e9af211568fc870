import { test } from '@japa/runner'
import TrackedEmail, { PIXEL_TOKEN } from '#services/messaging/tracking/tracked_email'
import TrackingTokens from '#services/messaging/tracking/tracking_tokens'
import { looksLikeScanner } from '#services/messaging/tracking/engagement_recorder'

const HTML = [
  '<html><body><div data-alert-body><p>See <a href="https://a.example/x?p=1&amp;q=2" rel="noopener">this</a>,',
  ' <a href="https://a.example/x/longer" rel="noopener">that</a> and <a href="mailto:help@a.example">mail</a>.</p>',
  '</div><!-- end of alert body -->',
  '<a href="https://a.example/x?p=1&amp;q=2">the same address in the footer</a></body></html>',
].join('')
const TEXT =
  'Title\n\nSee this (https://a.example/x?p=1&q=2), that (https://a.example/x/longer) and help@a.example.\n\n--\nFooter https://a.example/x/longer'

test.group('Tracked email', () => {
  test('the alert’s web links are numbered once, in order, from its Markdown', ({ assert }) => {
    assert.deepEqual(
      TrackedEmail.linksOf(
        'See [this](https://a.example/x?p=1&q=2), [again](https://a.example/x?p=1&q=2), [mail](mailto:help@a.example) and https://a.example/x/longer.'
      ),
      ['https://a.example/x?p=1&q=2', 'https://a.example/x/longer']
    )
  })

  test('only the body’s links become tokens, in both parts; the image goes before </body>', ({
    assert,
  }) => {
    const links = ['https://a.example/x?p=1&q=2', 'https://a.example/x/longer']
    const email = TrackedEmail.prepare({ html: HTML, text: TEXT }, links)
    assert.deepEqual(email.indexes, [0, 1])
    assert.include(email.html!, '<a href="%%TRACKED_LINK_0%%" rel="noopener">this</a>')
    assert.include(email.html!, '<a href="%%TRACKED_LINK_1%%" rel="noopener">that</a>')
    assert.include(email.html!, 'href="mailto:help@a.example"')
    assert.include(email.html!, '<a href="https://a.example/x?p=1&amp;q=2">the same address')
    assert.isTrue(email.html!.endsWith(`${PIXEL_TOKEN}</body></html>`))
    assert.equal(
      email.text,
      'Title\n\nSee this (%%TRACKED_LINK_0%%), that (%%TRACKED_LINK_1%%) and help@a.example.\n\n--\nFooter https://a.example/x/longer'
    )

    const tracked = TrackedEmail.valuesFor(email, links, 'T0KEN')
    assert.match(tracked.links['%%TRACKED_LINK_1%%'], /\/c\/T0KEN\/1$/)
    assert.match(tracked.pixel, /^<img src="[^"]+\/o\/T0KEN\.gif" width="1" height="1" alt=""/)
    assert.deepEqual(TrackedEmail.valuesFor(email, links, null), {
      links: { '%%TRACKED_LINK_0%%': links[0], '%%TRACKED_LINK_1%%': links[1] },
      pixel: '',
    })
  })

  test('a token names its delivery, and nothing else passes for one', ({ assert }) => {
    const token = TrackingTokens.for(123456)
    assert.match(token, /^[\w-]{22}$/)
    assert.notInclude(token, '123456')
    assert.equal(TrackingTokens.deliveryOf(token), 123456)
    assert.notEqual(TrackingTokens.for(123457), token)
    const altered = (token[0] === 'A' ? 'B' : 'A') + token.slice(1)
    for (const forged of [altered, 'A'.repeat(22), '', 'x', `${token}=`, '../../etc/passwd']) {
      assert.isNull(TrackingTokens.deliveryOf(forged), forged)
    }
  })

  test('link scanners and crawlers that say what they are are not counted', ({ assert }) => {
    assert.isTrue(looksLikeScanner('Mozilla/5.0 (compatible; Mimecast Link Scanner)'))
    assert.isTrue(looksLikeScanner('Googlebot/2.1'))
    assert.isTrue(looksLikeScanner(undefined))
    assert.isFalse(looksLikeScanner('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)'))
  })
})
