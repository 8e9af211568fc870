import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { BrowserLikeSession } from '#tests/helpers/http'
import { FakeTwilioMessages } from '#tests/helpers/fake_twilio_messages'
import { SETTINGS, setUpSms, twilioValues } from '../helpers/sms_setup.js'

const APP_URL = new BrowserLikeSession().baseUrl
const STATUS = `${APP_URL}/plugins/sms/webhooks/twilio/status`
const INBOUND = `${APP_URL}/plugins/sms/webhooks/twilio/inbound`

function post(url: string, form: { headers: Record<string, string>; body: string }) {
  return fetch(url, { method: 'POST', headers: form.headers, body: form.body })
}

async function sendAlert(organisation: any, areaId: number, title: string) {
  const sender = await signInStaff(await createStaff(organisation, 'sender'))
  const review = await sender.submit(
    '/staff/alerts/new',
    { 'title': title, 'body': 'Details to follow.', 'priority': 3, 'areaIds[]': [areaId] },
    { action: '/staff/alerts' }
  )
  const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
  const sent = await sender.post(`/staff/alerts/${alertId}/send`)
  if (!sent.text.includes('Sending has started.')) throw new Error(sent.text.slice(0, 3000))
  return alertId
}

test.group('SMS plugin: Twilio', (group) => {
  let twilio: FakeTwilioMessages
  group.each.setup(async () => {
    await emptyQueues()
    twilio = await new FakeTwilioMessages().start()
    const empty = await emptyTablesAfterwards()
    return async () => {
      await twilio.stop()
      await empty()
    }
  })

  test('Test connection says plainly when Twilio refuses the credentials, and when it cannot be reached', async ({
    assert,
    cleanup,
  }) => {
    const organisation = await createOrganisation()
    const admin = await setUpSms(organisation, twilioValues(twilio), cleanup)
    await admin.get(SETTINGS)
    const wrong = await admin.post(`${SETTINGS}/settings`, {
      ...twilioValues(twilio, { twilio_auth_token: 'f'.repeat(32) }),
      _intent: 'check',
    })
    assert.include(wrong.text, 'Twilio refused the account SID and auth token')
    assert.equal(twilio.refusedAuth, 1)

    const right = await admin.post(`${SETTINGS}/settings`, {
      ...twilioValues(twilio),
      _intent: 'check',
    })
    assert.include(right.text, 'Twilio accepted the account SID and auth token.')

    const stopped = twilio.url()
    await twilio.stop()
    const unreachable = await admin.post(`${SETTINGS}/settings`, {
      ...twilioValues(twilio, { api_base_url: stopped }),
      _intent: 'check',
    })
    assert.include(unreachable.text, 'Twilio could not be reached')

    const badSid = await admin.post(`${SETTINGS}/settings`, {
      ...twilioValues(twilio, { twilio_account_sid: 'AB123' }),
      _intent: 'save',
    })
    assert.include(badSid.text, 'Enter the account SID: AC followed by 32 letters and digits')
  }).timeout(90_000)

  test('an alert is texted with a status callback; a signed receipt marks it delivered, a forged one is refused, an unknown number is suppressed', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const kept = await createResident(central, [organisation], {
      email: null,
      phone: '+447700900401',
    })
    const dead = await createResident(central, [organisation], {
      email: null,
      phone: '+447700900402',
    })
    await setUpSms(organisation, twilioValues(twilio), cleanup)

    const alertId = await sendAlert(organisation, central.id, 'Missing person')
    await eventually(async () => assert.lengthOf(twilio.messages, 2))
    const byNumber = new Map(twilio.messages.map((message) => [message.to, message]))
    const first = byNumber.get('+447700900401')!
    assert.equal(first.from, '+447700900999')
    assert.equal(first.statusCallback, STATUS)
    assert.match(first.body, /Missing person\nDetails to follow\./)
    await eventually(async () => {
      const rows = await db.from('deliveries').where('alert_id', alertId).where('status', 'sent')
      assert.lengthOf(rows, 2)
    })

    const delivered = {
      MessageSid: first.sid,
      MessageStatus: 'delivered',
      AccountSid: twilio.accountSid,
    }
    assert.equal(
      (await post(STATUS, twilio.signedForm(STATUS, delivered, 'f'.repeat(32)))).status,
      401
    )
    const tampered = twilio.signedForm(STATUS, delivered)
    tampered.body = tampered.body.replace('delivered', 'undelivered')
    assert.equal((await post(STATUS, tampered)).status, 401)
    const row = () =>
      db.from('deliveries').where('alert_id', alertId).where('resident_id', kept.id).first()
    assert.equal((await row()).status, 'sent')

    assert.equal((await post(STATUS, twilio.signedForm(STATUS, delivered))).status, 204)
    assert.equal((await row()).status, 'delivered')

    const second = byNumber.get('+447700900402')!
    const undelivered = {
      MessageSid: second.sid,
      MessageStatus: 'undelivered',
      ErrorCode: '30005',
      AccountSid: twilio.accountSid,
    }
    assert.equal((await post(STATUS, twilio.signedForm(STATUS, undelivered))).status, 204)
    assert.isNotNull((await db.from('residents').where('id', dead.id).first()).phone_invalid_at)
  }).timeout(90_000)

  test('STOP by Twilio is answered with TwiML confirming it, and texts stop at once', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation], { phone: '+447700900501' })
    await setUpSms(organisation, twilioValues(twilio), cleanup)

    const params = {
      MessageSid: 'SM' + 'a'.repeat(32),
      From: '+447700900501',
      To: '+447700900999',
      Body: 'unsubscribe',
    }
    const answer = await post(INBOUND, twilio.signedForm(INBOUND, params))
    assert.equal(answer.status, 200)
    assert.include(await answer.text(), '<Message>You will get no more text alerts.')

    const alertId = await sendAlert(organisation, central.id, 'After the stop')
    // The alert still reaches them by email; texts are off.
    await eventually(async () => {
      const rows = await db.from('deliveries').where('alert_id', alertId).select('channel')
      assert.deepEqual(
        rows.map((row) => row.channel),
        ['email']
      )
    })
    assert.lengthOf(twilio.messages, 0)
    assert.equal(resident.phone, '+447700900501')
  }).timeout(90_000)

  test('an unreachable provider is retried, not dropped', async ({ assert, cleanup }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation], { email: null, phone: '+447700900601' })
    const address = twilio.url()
    await twilio.stop()
    await setUpSms(organisation, twilioValues(twilio, { api_base_url: address }), cleanup)
    const alertId = await sendAlert(organisation, central.id, 'Nobody home')
    await eventually(async () => {
      const row = await db
        .from('deliveries')
        .where('alert_id', alertId)
        .where('channel', 'sms')
        .first()
      assert.equal(row.status, 'pending')
      assert.equal(row.error, 'Twilio could not be reached')
      assert.isAtLeast(row.attempts, 1)
    })
  }).timeout(90_000)
})
