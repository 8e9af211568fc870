import { test } from '@japa/runner'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { BrowserLikeSession } from '#tests/helpers/http'
import { messagesOf, threadOf } from '#tests/helpers/reply_fixtures'
import { CALLBACK_TOKEN, notifyValues, setUpSms, twilioValues } from '../helpers/sms_setup.js'
import { FakeNotify } from '../helpers/fake_notify.js'
import {
  fakeSmsProvidersEach,
  textingWorld,
  sendAlertToArea,
  textsSent,
} from '../helpers/sms_alerts.js'

const APP_URL = new BrowserLikeSession().baseUrl
const TWILIO_INBOUND = `${APP_URL}/plugins/sms/webhooks/twilio/inbound`
const NOTIFY_INBOUND = `${APP_URL}/plugins/sms/webhooks/notify/inbound`

/** What staff see: the thread in the inbox, the message, the alert it answers, how it came. */
async function assertInInbox(assert: any, organisation: any, alertTitle: string, body: string) {
  const officer = await signInStaff(await createStaff(organisation, 'admin'))
  const inbox = await officer.get('/staff/inbox')
  assert.include(inbox.text, alertTitle)
  const threadPath = /href="(\/staff\/inbox\/\d+)"/.exec(inbox.text)?.[1]
  assert.exists(threadPath, 'a thread is listed')
  const thread = await officer.get(threadPath!)
  assert.include(thread.text, body)
  assert.include(thread.text, ', by text')
  assert.include(thread.text, alertTitle)
}

test.group('SMS plugin: replies land in the inbox', (group) => {
  const providers = fakeSmsProvidersEach(group)

  test('a signed Twilio text answers the latest alert sent to the number; a forged one records nothing', async ({
    assert,
    cleanup,
  }) => {
    const { central, organisation, texter } = await textingWorld()
    const resident = await texter('+447700900711')
    await setUpSms(organisation, twilioValues(providers.twilio), cleanup)
    const first = await sendAlertToArea(organisation, central.id, 'Road closed at the bridge')
    await textsSent(first)
    const latest = await sendAlertToArea(organisation, central.id, 'Bridge open again')
    await textsSent(latest)

    const params = {
      MessageSid: 'SM' + 'b'.repeat(32),
      AccountSid: providers.twilio.accountSid,
      From: '+447700900711',
      To: '+447700900999',
      Body: 'Is the footpath open too?',
      NumMedia: '0',
    }
    const forged = providers.twilio.signedForm(TWILIO_INBOUND, params, 'f'.repeat(32))
    const refused = await fetch(TWILIO_INBOUND, { method: 'POST', ...forged })
    assert.equal(refused.status, 401)
    assert.lengthOf(await messagesOf(resident.id), 0, 'nothing recorded for a forged signature')

    const signed = providers.twilio.signedForm(TWILIO_INBOUND, params)
    const answer = await fetch(TWILIO_INBOUND, { method: 'POST', ...signed })
    assert.equal(answer.status, 200)
    assert.include(await answer.text(), '<Response/>', 'no automatic text back')
    // Twilio repeats a callback it thinks failed: one message all the same.
    await fetch(TWILIO_INBOUND, {
      method: 'POST',
      ...providers.twilio.signedForm(TWILIO_INBOUND, params),
    })

    assert.deepEqual(await messagesOf(resident.id), [
      { author: 'resident', body: 'Is the footpath open too?' },
    ])
    assert.notExists(await threadOf(resident.id, first))
    const thread = await threadOf(resident.id, latest)
    assert.equal(thread.state, 'new')
    assert.equal(thread.organisation_id, organisation.id)
    await assertInInbox(assert, organisation, 'Bridge open again', 'Is the footpath open too?')

    // Staff answer by text, to the number that wrote: the resident has no email address.
    const admin = await signInStaff(await createStaff(organisation, 'admin'))
    const page = await admin.get(`/staff/inbox/${thread!.id}`)
    assert.include(page.text, 'Texted to +447700900711')
    const before = providers.twilio.messages.length
    const answered = await admin.post(`/staff/inbox/${thread!.id}/answer`, {
      body: 'Yes, the footpath is open.',
    })
    assert.include(answered.text, `Your answer was texted to ${resident.name}.`)
    assert.include(answered.text, ', texted')
    assert.lengthOf(providers.twilio.messages, before + 1)
    const text = providers.twilio.messages.at(-1)!
    assert.equal(text.to, '+447700900711')
    assert.equal(text.body, `${organisation.name}: Yes, the footpath is open.`)
    assert.equal((await threadOf(resident.id, latest))!.state, 'answered')

    // The provider refusing it: staff are told, nothing is added, their words stay in the box.
    await providers.twilio.stop()
    const unsent = await admin.post(`/staff/inbox/${thread!.id}/answer`, {
      body: 'And the car park.',
    })
    assert.include(unsent.text, 'Your answer was not sent: Twilio could not be reached')
    assert.include(unsent.text, 'And the car park.</textarea>')
    assert.lengthOf(await messagesOf(resident.id), 2)
  }).timeout(120_000)

  test('a Notify received-text callback with the bearer token lands in the inbox; a wrong token records nothing', async ({
    assert,
    cleanup,
  }) => {
    const { central, organisation, texter } = await textingWorld()
    const resident = await texter('+447700900712')
    await setUpSms(organisation, notifyValues(providers.notify), cleanup)
    const alertId = await sendAlertToArea(organisation, central.id, 'Scam calls reported')
    await textsSent(alertId)

    const text = FakeNotify.inbound('447700900712', 'I had one of these calls yesterday')
    const post = (token: string) =>
      fetch(NOTIFY_INBOUND, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${token}` },
        body: JSON.stringify(text),
      })
    assert.equal((await post('not-the-token-at-all-0123456789')).status, 401)
    assert.lengthOf(await messagesOf(resident.id), 0, 'nothing recorded for a wrong token')

    assert.equal((await post(CALLBACK_TOKEN)).status, 204)
    assert.deepEqual(await messagesOf(resident.id), [
      { author: 'resident', body: 'I had one of these calls yesterday' },
    ])
    const thread = await threadOf(resident.id, alertId)
    assert.equal(thread.state, 'new')
    await assertInInbox(
      assert,
      organisation,
      'Scam calls reported',
      'I had one of these calls yesterday'
    )
  }).timeout(120_000)
})
