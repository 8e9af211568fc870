import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { BrowserLikeSession } from '#tests/helpers/http'
import { FakeNotify } from '../helpers/fake_notify.js'
import { CALLBACK_TOKEN, notifyValues, SETTINGS, setUpSms } from '../helpers/sms_setup.js'
import { textingWorld } from '../helpers/sms_alerts.js'

const APP_URL = new BrowserLikeSession().baseUrl
const RECEIPTS = `${APP_URL}/plugins/sms/webhooks/notify/receipts`
const INBOUND = `${APP_URL}/plugins/sms/webhooks/notify/inbound`

function callback(url: string, body: unknown, token = CALLBACK_TOKEN) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function sendAlert(organisation: any, areaId: number, title: string) {
  const sender = await signInStaff(await createStaff(organisation, 'sender'))
  const review = await sender.submit(
    '/staff/alerts/new',
    { 'title': title, 'body': 'Avoid the **A15** tonight.', 'priority': 4, 'areaIds[]': [areaId] },
    { action: '/staff/alerts' }
  )
  const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
  const sent = await sender.post(`/staff/alerts/${alertId}/send`)
  if (!sent.text.includes('Sending has started.')) throw new Error(sent.text.slice(0, 3000))
  return { sender, alertId }
}

test.group('SMS plugin: GOV.UK Notify', (group) => {
  let notify: FakeNotify
  group.each.setup(async () => {
    await emptyQueues()
    notify = await new FakeNotify().start()
    const empty = await emptyTablesAfterwards()
    return async () => {
      await notify.stop()
      await empty()
    }
  })

  test('Test connection explains a wrong API key and a wrong template, and accepts the right ones', async ({
    assert,
    cleanup,
  }) => {
    const organisation = await createOrganisation()
    const admin = await setUpSms(organisation, notifyValues(notify), cleanup)
    await admin.get(SETTINGS)
    const wrongKey = await admin.post(`${SETTINGS}/settings`, {
      ...notifyValues(notify, {
        notify_api_key: `beacon-${notify.serviceId}-${crypto.randomUUID()}`,
      }),
      _intent: 'check',
    })
    assert.include(wrongKey.text, 'GOV.UK Notify refused the API key')
    assert.isAbove(notify.refusedTokens, 0, 'the fake checked the JWT and refused it')

    notify.templateBody = 'Hello ((name))'
    const wrongTemplate = await admin.post(`${SETTINGS}/settings`, {
      ...notifyValues(notify),
      _intent: 'check',
    })
    assert.include(wrongTemplate.text, 'must be exactly ((body))')

    notify.templateBody = '((body))'
    const right = await admin.post(`${SETTINGS}/settings`, {
      ...notifyValues(notify),
      _intent: 'check',
    })
    assert.include(right.text, 'GOV.UK Notify accepted the API key and the template is right.')

    const malformed = await admin.post(`${SETTINGS}/settings`, {
      ...notifyValues(notify, { notify_api_key: 'not a key' }),
      _intent: 'save',
    })
    assert.include(malformed.text, 'Enter the API key as Notify shows it')
  }).timeout(90_000)

  test('an alert reaches verified mobiles only, a receipt marks it delivered, a forged or malformed one changes nothing', async ({
    assert,
    cleanup,
  }) => {
    const { central, organisation, texter } = await textingWorld()
    const verified = await texter('+447700900101')
    await texter('+447700900102', { phoneVerifiedAt: null })
    await setUpSms(organisation, notifyValues(notify), cleanup)

    const { alertId } = await sendAlert(organisation, central.id, 'Road closed')
    await eventually(async () => assert.lengthOf(notify.sent, 1))
    const [sms] = notify.sent
    assert.equal(sms.phoneNumber, '+447700900101')
    assert.match(sms.personalisation.body, /^.+: Road closed\nAvoid the A15 tonight\.\n/)
    const delivery = await db
      .from('deliveries')
      .where('alert_id', alertId)
      .where('resident_id', verified.id)
      .where('channel', 'sms')
      .firstOrFail()
    assert.equal(sms.reference, String(delivery.id))
    await eventually(async () => {
      const row = await db.from('deliveries').where('id', delivery.id).first()
      assert.equal(row.status, 'sent')
      assert.equal(row.provider_id, sms.id)
    })

    const receipt = FakeNotify.receipt(sms.id, sms.reference, sms.phoneNumber, 'delivered')
    assert.equal((await callback(RECEIPTS, receipt, 'a-forged-token-of-some-length')).status, 401)
    assert.equal((await callback(RECEIPTS, { id: sms.id, status: 'great' })).status, 401)
    // Not JSON at all: the body parser refuses it before the route runs.
    assert.oneOf((await callback(RECEIPTS, '{not json')).status, [400, 401])
    assert.equal((await db.from('deliveries').where('id', delivery.id).first()).status, 'sent')

    assert.equal((await callback(RECEIPTS, receipt)).status, 204)
    assert.equal((await db.from('deliveries').where('id', delivery.id).first()).status, 'delivered')
  }).timeout(90_000)

  test('a permanent failure suppresses the number; a 429 is retried later, never dropped', async ({
    assert,
    cleanup,
  }) => {
    const { central, organisation, texter } = await textingWorld()
    const resident = await texter('+447700900201')
    await setUpSms(organisation, notifyValues(notify), cleanup)
    notify.answers.push({
      status: 429,
      error: 'RateLimitError',
      message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds',
      retryAfter: '0',
    })

    const { alertId } = await sendAlert(organisation, central.id, 'Flood warning')
    // Refused once, then accepted: the same delivery, sent once.
    await eventually(async () => assert.lengthOf(notify.sent, 1))
    assert.lengthOf(notify.answers, 0)
    const sms = notify.sent[0]
    const delivery = await db
      .from('deliveries')
      .where('alert_id', alertId)
      .where('channel', 'sms')
      .firstOrFail()
    assert.equal(delivery.attempts, 2)
    await eventually(async () => {
      assert.equal((await db.from('deliveries').where('id', delivery.id).first()).status, 'sent')
    })

    const failure = FakeNotify.receipt(sms.id, sms.reference, sms.phoneNumber, 'permanent-failure')
    assert.equal((await callback(RECEIPTS, failure)).status, 204)
    const row = await db.from('deliveries').where('id', delivery.id).first()
    assert.equal(row.status, 'failed')
    assert.isNotNull((await db.from('residents').where('id', resident.id).first()).phone_invalid_at)
  }).timeout(90_000)

  test('STOP switches texts off at once and is confirmed; another reply is kept and shown on the resident’s record', async ({
    assert,
    cleanup,
  }) => {
    const { central, organisation, texter } = await textingWorld()
    const stopper = await texter('+447700900301')
    const replier = await texter('+447700900302')
    await setUpSms(organisation, notifyValues(notify), cleanup)
    const { alertId } = await sendAlert(organisation, central.id, 'Burglaries in the area')
    await eventually(async () => assert.lengthOf(notify.sent, 2))
    await eventually(async () => {
      const rows = await db.from('deliveries').where('alert_id', alertId).where('status', 'sent')
      assert.lengthOf(rows, 2)
    })

    assert.equal((await callback(INBOUND, { message: 'STOP' })).status, 401, 'malformed')
    assert.equal((await callback(INBOUND, FakeNotify.inbound('447700900301', 'Stop '))).status, 204)
    const preference = await db
      .from('channel_preferences')
      .where('resident_id', stopper.id)
      .where('channel', 'sms')
      .first()
    assert.isFalse(Boolean(preference.enabled))
    await eventually(async () => {
      const confirmation = notify.sent.find((sms) => sms.reference === 'stop-confirmation')
      assert.exists(confirmation)
      assert.equal(confirmation!.phoneNumber, '+447700900301')
      assert.include(confirmation!.personalisation.body, 'You will get no more text alerts.')
    })

    const reply = FakeNotify.inbound('447700900302', 'Thanks, I saw a van outside number 12')
    assert.equal((await callback(INBOUND, reply)).status, 204)
    assert.equal((await callback(INBOUND, reply)).status, 204, 'a repeated callback is stored once')
    const stored = await db.from('sms_replies').where('resident_id', replier.id)
    assert.lengthOf(stored, 1)
    assert.equal(stored[0].alert_id, alertId)
    assert.notInclude(stored[0].body, 'van', 'encrypted at rest')

    const officer = await signInStaff(await createStaff(organisation, 'admin'))
    const record = await officer.get(`/staff/residents/${replier.id}`)
    assert.include(record.text, 'Text replies')
    assert.include(record.text, 'Thanks, I saw a van outside number 12')
    assert.include(record.text, 'Burglaries in the area')
    const inbox = await officer.get('/staff/plugins/sms/replies')
    assert.include(inbox.text, 'Thanks, I saw a van outside number 12')
    assert.include(inbox.text, 'Burglaries in the area', 'the alert it answers, by its title')
  }).timeout(90_000)
})
