import { test } from '@japa/runner'
import type { SettingsReader, SettingsValues } from '#contracts/settings'
import type { OrganisationAlert, OutgoingTargetDelivery } from '#contracts/organisation_channel'
import { WebhookChannel, targetKey } from '../../src/webhook_channel.js'
import { verifySignature } from '../../src/signature.js'
import { pingAll } from '../../src/ping.js'
import type { Resolver } from '../../src/address_guard.js'
import { LocalReceiver } from '../helpers/receiver.js'

const SECRET = 'receiver-secret-0123456789abcdef'

/** Settings as the core would hand them to the plugin: the organisation's and the install's. */
function settingsOf(organisation: SettingsValues, install: SettingsValues = {}): SettingsReader {
  return {
    forInstall: async <Values extends SettingsValues>() => install as Partial<Values>,
    forOrganisation: async <Values extends SettingsValues>() => organisation as Partial<Values>,
  }
}

const alert: OrganisationAlert = {
  id: 42,
  organisationId: 7,
  title: 'Sheds broken into',
  bodyMarkdown: 'Please lock **sheds** tonight.',
  bodyHtml: '<p>Please lock <strong>sheds</strong> tonight.</p>',
  bodyText: 'Please lock sheds tonight.',
  priority: 3,
  priorityLabel: 'Warning',
  category: 'burglary',
  categoryLabel: 'Burglary',
  sentAt: '2026-12-06T20:00:00.000Z',
  publicUrl: 'https://beacon.example.org/alerts/42',
  alertsUrl: 'https://beacon.example.org/my-alerts/received',
  branding: {
    organisationName: 'Lincolnshire OPCC',
    senderName: 'Lincolnshire OPCC',
    colour: '#1d70b8',
    footer: null,
    logoUrl: null,
  },
}

function deliveryTo(url: string, attempt = 1): OutgoingTargetDelivery {
  return {
    deliveryId: 1,
    idempotencyKey: '6f1c9a56-3f8e-4a53-9d1e-0c7f2b8e4a10',
    attempt,
    organisationId: 7,
    target: { key: targetKey(url), label: new URL(url).host },
    alert,
  }
}

/** A resolver that answers every name with these addresses, and counts how often it was asked. */
function answering(...addresses: string[]) {
  const resolver = Object.assign(
    (async () => {
      resolver.calls++
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
    }) as Resolver,
    { calls: 0 }
  )
  return resolver
}

test.group('Webhook plugin: sending to a receiver', (group) => {
  let receiver: LocalReceiver
  group.each.setup(async () => {
    receiver = await new LocalReceiver().start()
    return () => receiver.stop()
  })

  test('an alert arrives as versioned JSON that the receiver can verify, with an idempotency key', async ({
    assert,
  }) => {
    const url = receiver.url()
    const channel = new WebhookChannel({
      settings: settingsOf(
        { urls: `${url}\n\n${url}\n`, signing_secret: SECRET },
        { allow_private_addresses: true }
      ),
    })
    assert.deepEqual(await channel.targets(7), [
      { key: targetKey(url), label: `127.0.0.1:${receiver.port}` },
    ])

    const outcome = await channel.send(deliveryTo(url))
    assert.deepEqual(outcome, { status: 'sent', providerId: 'HTTP 200' })
    assert.lengthOf(receiver.requests, 1)
    const [request] = receiver.requests
    assert.equal(request.method, 'POST')
    assert.equal(request.path, '/hooks/beacon')
    assert.equal(request.headers['content-type'], 'application/json')
    assert.equal(request.headers['beacon-event'], 'alert')
    assert.equal(request.headers['idempotency-key'], '6f1c9a56-3f8e-4a53-9d1e-0c7f2b8e4a10')
    assert.isTrue(
      verifySignature(SECRET, request.body, request.headers['beacon-signature'] as string)
    )
    assert.isFalse(
      verifySignature(
        'another-secret-0123456789abcdef',
        request.body,
        request.headers['beacon-signature'] as string
      )
    )
    assert.deepEqual(JSON.parse(request.body), {
      version: 1,
      event: 'alert',
      deliveryId: '6f1c9a56-3f8e-4a53-9d1e-0c7f2b8e4a10',
      alert: {
        id: 42,
        title: 'Sheds broken into',
        bodyText: 'Please lock sheds tonight.',
        bodyHtml: '<p>Please lock <strong>sheds</strong> tonight.</p>',
        bodyMarkdown: 'Please lock **sheds** tonight.',
        priority: 3,
        priorityLabel: 'Warning',
        category: 'burglary',
        categoryLabel: 'Burglary',
        publicUrl: 'https://beacon.example.org/alerts/42',
        sentAt: '2026-12-06T20:00:00.000Z',
      },
      organisation: { id: 7, name: 'Lincolnshire OPCC' },
    })
  })

  test('5xx and 429 are retried when the receiver says, other 4xx fail, redirects are not followed', async ({
    assert,
  }) => {
    const url = receiver.url()
    const channel = new WebhookChannel({
      settings: settingsOf(
        { urls: url, signing_secret: SECRET },
        { allow_private_addresses: true }
      ),
    })
    receiver.answers.push(
      { status: 503, headers: { 'Retry-After': '30' } },
      { status: 429, headers: { 'Retry-After': '5' } },
      { status: 500 },
      { status: 404 },
      { status: 301, headers: { Location: 'http://169.254.169.254/latest/meta-data' } }
    )
    assert.deepEqual(await channel.send(deliveryTo(url)), {
      status: 'retry',
      reason: 'The receiver answered 503',
      retryAfterSeconds: 30,
    })
    assert.deepEqual(await channel.send(deliveryTo(url)), {
      status: 'retry',
      reason: 'The receiver answered 429',
      retryAfterSeconds: 5,
    })
    assert.deepEqual(await channel.send(deliveryTo(url)), {
      status: 'retry',
      reason: 'The receiver answered 500',
      retryAfterSeconds: undefined,
    })
    assert.deepEqual(await channel.send(deliveryTo(url)), {
      status: 'failed',
      reason: 'The receiver answered 404',
    })
    assert.deepEqual(await channel.send(deliveryTo(url)), {
      status: 'failed',
      reason: 'The receiver answered 301 (a redirect, which is not followed)',
    })
    assert.lengthOf(receiver.requests, 5, 'the redirect was not followed')
  })

  test('a receiver that does not answer in time is tried again later', async ({ assert }) => {
    const url = receiver.url()
    const channel = new WebhookChannel({
      settings: settingsOf(
        { urls: url, signing_secret: SECRET },
        { allow_private_addresses: true }
      ),
      timeoutMs: 300,
    })
    receiver.answers.push('hang')
    const outcome = await channel.send(deliveryTo(url))
    assert.equal(outcome.status, 'retry')
    assert.include((outcome as { reason: string }).reason, 'No answer within')
  })

  test('loopback, private and rebinding names are refused unless allowed, and the receiver hears nothing', async ({
    assert,
  }) => {
    const refusedUrls = [
      receiver.url('localhost'),
      receiver.url('127.0.0.1'),
      receiver.url('[::1]'),
      receiver.url('[::ffff:127.0.0.1]'),
      receiver.url('169.254.169.254'),
    ]
    for (const url of refusedUrls) {
      const channel = new WebhookChannel({
        settings: settingsOf({ urls: url, signing_secret: SECRET }),
      })
      const outcome = await channel.send(deliveryTo(url))
      assert.equal(outcome.status, 'failed', url)
      assert.include(
        (outcome as { reason: string }).reason,
        'private addresses are not allowed',
        url
      )
    }

    // A public-looking name whose DNS answers a private address, alone or beside a public one.
    for (const resolver of [
      answering('127.0.0.1'),
      answering('8.8.8.8', '127.0.0.1'),
      answering('fd00::1'),
    ]) {
      const url = receiver.url('hooks.example.org')
      const channel = new WebhookChannel({
        settings: settingsOf({ urls: url, signing_secret: SECRET }),
        resolver,
      })
      const outcome = await channel.send(deliveryTo(url))
      assert.equal(outcome.status, 'failed')
      assert.include((outcome as { reason: string }).reason, 'hooks.example.org is a private')
      assert.equal(
        resolver.calls,
        1,
        'the name is resolved once: the answer checked is the one used'
      )
    }
    assert.lengthOf(receiver.requests, 0)
  })

  test('the connection goes to the address that was checked, not to a second lookup', async ({
    assert,
  }) => {
    // Allowed, a made-up name reaches the receiver: only the plugin's own lookup could have found it.
    const resolver = answering('127.0.0.1')
    const url = receiver.url('receiver.beacon.invalid')
    const channel = new WebhookChannel({
      settings: settingsOf(
        { urls: url, signing_secret: SECRET },
        { allow_private_addresses: true }
      ),
      resolver,
    })
    assert.equal((await channel.send(deliveryTo(url))).status, 'sent')
    assert.equal(resolver.calls, 1)
    assert.equal(receiver.requests[0].headers.host, `receiver.beacon.invalid:${receiver.port}`)
  })

  test('an address removed from the settings since the alert was sent fails without a request', async ({
    assert,
  }) => {
    const channel = new WebhookChannel({
      settings: settingsOf({ urls: receiver.url('127.0.0.1', '/other'), signing_secret: SECRET }),
    })
    assert.deepEqual(await channel.send(deliveryTo(receiver.url())), {
      status: 'failed',
      reason: 'The address was removed from the settings',
    })
    assert.lengthOf(receiver.requests, 0)
  })

  test('"Test connection" sends a signed ping and says what each address answered', async ({
    assert,
  }) => {
    receiver.answers.push({ status: 200 }, { status: 403 })
    const result = await pingAll(
      {
        urls: `${receiver.url()}\n${receiver.url('127.0.0.1', '/second')}`,
        signing_secret: SECRET,
      },
      { allowPrivate: true }
    )
    assert.isFalse(result.ok)
    assert.equal(
      result.message,
      `1 of 2 addresses did not accept the signed test. 127.0.0.1:${receiver.port}: accepted the signed test. 127.0.0.1:${receiver.port}: The receiver answered 403.`
    )
    const [ping] = receiver.requests
    assert.equal(ping.headers['beacon-event'], 'ping')
    assert.isTrue(verifySignature(SECRET, ping.body, ping.headers['beacon-signature'] as string))
    assert.equal(JSON.parse(ping.body).event, 'ping')

    const refused = await pingAll(
      { urls: receiver.url(), signing_secret: SECRET },
      { allowPrivate: false }
    )
    assert.isFalse(refused.ok)
    assert.include(refused.message, 'private addresses are not allowed')
    assert.lengthOf(receiver.requests, 2)
  })
})
