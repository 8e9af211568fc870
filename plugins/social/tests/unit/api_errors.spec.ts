import { test } from '@japa/runner'
import { explainGraphError } from '../../src/facebook.js'
import { explainXError } from '../../src/x.js'
import { shareLinks } from '../../src/share_links.js'

const answer = (status: number, json: unknown) => ({ status, json, headers: new Headers() })

test.group('Social media: what the APIs’ refusals mean', () => {
  test('Facebook: an expired token is explained and not retried; a temporary error is retried', ({
    assert,
  }) => {
    const expired = explainGraphError(
      answer(400, {
        error: {
          message: 'Error validating access token: Session has expired on Monday, 07-Dec-26.',
          type: 'OAuthException',
          code: 190,
          error_subcode: 463,
          fbtrace_id: 'Ab1',
        },
      })
    )
    assert.isFalse(expired.temporary)
    assert.include(expired.reason, 'Facebook refused the Page access token')
    assert.include(expired.reason, 'Session has expired')

    const busy = explainGraphError(
      answer(500, {
        error: {
          message: 'An unexpected error has occurred. Please retry your request later.',
          type: 'OAuthException',
          is_transient: true,
          code: 2,
          fbtrace_id: 'Ab2',
        },
      })
    )
    assert.isTrue(busy.temporary)
    const permission = explainGraphError(
      answer(403, {
        error: {
          message: '(#200) The user hasn’t authorized the application to perform this action',
          type: 'OAuthException',
          code: 200,
        },
      })
    )
    assert.include(permission.reason, 'pages_manage_posts')
    assert.isTrue(
      explainGraphError(
        answer(400, { error: { message: '(#4) Application request limit reached', code: 4 } })
      ).temporary
    )
  })

  test('X: wrong keys, a refused post and a bad request are explained; a 503 is retried', ({
    assert,
  }) => {
    assert.include(
      explainXError(
        answer(401, {
          title: 'Unauthorized',
          type: 'about:blank',
          status: 401,
          detail: 'Unauthorized',
        })
      ).reason,
      'X refused the keys'
    )
    const invalid = explainXError(
      answer(400, {
        errors: [{ parameters: { text: ['x'] }, message: 'Your Tweet text is too long.' }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      })
    )
    assert.equal(
      invalid.reason,
      'X refused the post as invalid (X said: “Your Tweet text is too long.”)'
    )
    assert.isTrue(
      explainXError(answer(503, { title: 'Service Unavailable', status: 503 })).temporary
    )
    assert.isTrue(explainXError(answer(502, null)).temporary)
  })

  test('share links carry only the alert’s title and address, encoded', ({ assert }) => {
    const links = shareLinks('Fire & smoke: stay in', 'https://alerts.example.org/alerts/7')
    const href = (id: string) => links.find((link) => link.id === id)!.href
    assert.deepEqual(
      links.map((link) => link.id),
      ['facebook', 'x', 'linkedin', 'whatsapp', 'nextdoor', 'email']
    )
    assert.equal(
      href('facebook'),
      'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Falerts.example.org%2Falerts%2F7'
    )
    assert.equal(
      href('x'),
      'https://x.com/intent/post?text=Fire+%26+smoke%3A+stay+in&url=https%3A%2F%2Falerts.example.org%2Falerts%2F7'
    )
    assert.equal(
      href('email'),
      'mailto:?subject=Fire%20%26%20smoke%3A%20stay%20in&body=https%3A%2F%2Falerts.example.org%2Falerts%2F7'
    )
  })
})
