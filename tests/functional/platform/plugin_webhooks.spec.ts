import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import env from '#start/env'
import { pluginWebhookFailures } from '#start/limiter'
import { enableFixturePlugin } from '#tests/helpers/plugin_fixture'
import { fixtureSignature } from '#tests/fixtures/plugins/surfaces-fixture/plugin'

const URL_PATH = '/plugins/surfaces-fixture/webhooks/ping'

/** A provider's call: JSON, with no cookie and no CSRF token. */
function call(body: string, signature?: string) {
  return fetch(new URL(URL_PATH, env.get('APP_URL')), {
    method: 'POST',
    body,
    headers: {
      'Content-Type': 'application/json',
      ...(signature ? { 'X-Fixture-Signature': signature } : {}),
    },
  })
}

async function forgetFailures() {
  const failures = pluginWebhookFailures()
  for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
    await failures.delete(`plugin-webhook:${address}`)
  }
}

test.group('Plugins’ inbound webhooks', (group) => {
  group.each.setup(async () => {
    await forgetFailures()
    return forgetFailures
  })

  test('answer 404 while the plugin is disabled', async ({ assert }) => {
    const body = JSON.stringify({ event: 'ping' })
    assert.equal((await call(body, fixtureSignature(body))).status, 404)
  })

  test('a signed call reaches the plugin without a CSRF token', async ({ assert, cleanup }) => {
    await enableFixturePlugin(cleanup)
    const body = JSON.stringify({ event: 'delivered' })
    const response = await call(body, fixtureSignature(body))
    assert.equal(response.status, 200)
    assert.deepEqual(await response.json(), { received: 'delivered' })
  })

  test('only the plugin’s declared webhooks skip the CSRF check', async ({ assert, cleanup }) => {
    await enableFixturePlugin(cleanup)
    const response = await fetch(
      new URL('/plugins/surfaces-fixture/webhooks-lookalike', env.get('APP_URL')),
      {
        method: 'POST',
        body: '{}',
        headers: { 'Content-Type': 'application/json' },
        redirect: 'manual',
      }
    )
    assert.notEqual(response.status, 200)
    assert.notInclude(await response.text(), 'received')
  })

  test('an unsigned or wrongly signed call gets 401 with no detail', async ({
    assert,
    cleanup,
  }) => {
    await enableFixturePlugin(cleanup)
    const body = JSON.stringify({ event: 'delivered' })
    for (const signature of [undefined, fixtureSignature('another body'), 'short']) {
      const response = await call(body, signature)
      assert.equal(response.status, 401)
      assert.equal(await response.text(), 'Unauthorized')
    }
  })

  test('an address that keeps failing is refused for a while, even when it signs', async ({
    assert,
    cleanup,
  }) => {
    await enableFixturePlugin(cleanup)
    const limit = config.get<number>('beacon.rateLimits.pluginWebhookFailures')
    config.set('beacon.rateLimits.pluginWebhookFailures', 3)
    cleanup(() => config.set('beacon.rateLimits.pluginWebhookFailures', limit))

    const body = JSON.stringify({ event: 'delivered' })
    for (let attempt = 0; attempt < 3; attempt++) {
      assert.equal((await call(body, 'forged')).status, 401)
    }
    const refused = await call(body, fixtureSignature(body))
    assert.equal(refused.status, 429)
    assert.exists(refused.headers.get('retry-after'))

    await forgetFailures()
    assert.equal((await call(body, fixtureSignature(body))).status, 200)
  })
})
