import { test } from '@japa/runner'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues, sendsFinished } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { verifySignature } from '../../src/signature.js'
import { LocalReceiver } from '../helpers/receiver.js'

const SETTINGS = '/staff/settings/plugins/webhook'
const SECRET = 'end-to-end-secret-0123456789'

test.group('Webhook plugin: from Settings to the receiver', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('set up in Settings → Plugins, an alert reaches each address once, retried when busy, and staff see what failed', async ({
    assert,
    cleanup,
  }) => {
    const busy = await new LocalReceiver().start()
    const gone = await new LocalReceiver().start()
    cleanup(() => busy.stop())
    cleanup(() => gone.stop())
    busy.answers.push({ status: 200 }, { status: 503, headers: { 'Retry-After': '0' } })
    gone.answers.push({ status: 200 }, { status: 410 })

    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation])
    const admin = await signInStaff(
      await createStaff(organisation, 'admin', { installAdmin: true })
    )

    await admin.get(SETTINGS)
    assert.include(
      (await admin.post(SETTINGS, { enabled: 'true' })).text,
      'Webhooks is now enabled.'
    )
    cleanup(async () => {
      await admin.get(SETTINGS)
      await admin.post(SETTINGS, { enabled: 'false' })
    })
    // The receivers are on this machine: only an install admin may allow that.
    await admin.post(`${SETTINGS}/settings`, { allow_private_addresses: 'true', _intent: 'save' })
    await admin.post(`${SETTINGS}/organisation`, { enabled: 'true' })

    const urls = `${busy.url()}\n${gone.url()}`
    const tested = await admin.post(`${SETTINGS}/organisation/settings`, {
      urls,
      signing_secret: SECRET,
      _intent: 'check',
    })
    assert.include(tested.text, 'Every address accepted a signed test (2).')
    assert.equal(JSON.parse(busy.requests[0].body).event, 'ping')
    assert.isTrue(
      verifySignature(
        SECRET,
        busy.requests[0].body,
        busy.requests[0].headers['beacon-signature'] as string
      )
    )
    const saved = await admin.post(`${SETTINGS}/organisation/settings`, {
      urls,
      signing_secret: SECRET,
      _intent: 'save',
    })
    assert.notInclude(saved.text, SECRET)

    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const review = await sender.submit(
      '/staff/alerts/new',
      {
        'title': 'Road closed',
        'body': 'The **A15** is closed.',
        'priority': 4,
        'areaIds[]': [central.id],
      },
      { action: '/staff/alerts' }
    )
    const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
    assert.isAbove(alertId, 0)
    assert.include(
      (await sender.post(`/staff/alerts/${alertId}/send`)).text,
      'Sending has started.'
    )

    await eventually(async () => {
      assert.lengthOf(busy.requests, 3, 'the ping, the 503 and the retry')
      assert.lengthOf(gone.requests, 2, 'the ping and the 410, never retried')
    })
    const [, first, retry] = busy.requests
    assert.equal(first.headers['idempotency-key'], retry.headers['idempotency-key'])
    assert.isTrue(verifySignature(SECRET, retry.body, retry.headers['beacon-signature'] as string))
    const payload = JSON.parse(retry.body)
    assert.equal(payload.event, 'alert')
    assert.equal(payload.alert.id, alertId)
    assert.equal(payload.alert.title, 'Road closed')
    assert.equal(payload.alert.priorityLabel, 'Urgent')
    assert.include(payload.alert.bodyHtml, '<strong>A15</strong>')
    assert.equal(payload.organisation.name, organisation.name)

    await eventually(async () => {
      const page = await sender.get(`/staff/alerts/${alertId}`)
      assert.match(page.text, /Webhooks:<\/strong>\s*1 delivered, 1 failed/)
      assert.include(page.text, `Failed: 127.0.0.1:${gone.port}: The receiver answered 410`)
    })
    // The resident's email goes too: done before the tables are emptied for the next test.
    await sendsFinished('email', 'webhook')
  })
})
