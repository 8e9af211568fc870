import { test } from '@japa/runner'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createResident } from '#tests/helpers/fixtures'
import { registeredCalls } from '../../plugin.js'
import { FROM_NUMBER } from '../helpers/fake_twilio_calls.js'
import {
  allSent,
  chooseMobileCalls,
  sendAlert,
  voiceDeliveries,
  voiceInstall,
} from '../helpers/voice_setup.js'

const SAY = '<Say voice="Polly.Amy" language="en-GB">'
const script = (organisation: string) =>
  `This is a warning alert from ${organisation}. Water off. The water is off in Central until 6pm.`
const LATER = 11 * 60_000

test.group('Voice plugin: calls, TwiML and status callbacks', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('a landline and a mobile whose resident chose calls are called; the TwiML reads the alert twice in en-GB and offers it again; an answered call is delivered', async ({
    assert,
    cleanup,
  }) => {
    const { fake, central, organisation } = await voiceInstall(cleanup)
    const landline = await createResident(central, [organisation], { landline: '+441632960101' })
    const mobile = await createResident(central, [organisation], { phone: '+447700900102' })
    await chooseMobileCalls(mobile)
    await createResident(central, [organisation]) // email only: never called
    const { alertId } = await sendAlert(organisation, central.id)
    const SCRIPT = script(organisation.name)

    await eventually(async () => assert.lengthOf(fake.calls, 2))
    await allSent(alertId, 2)
    const byNumber = new Map(fake.calls.map((call) => [call.params.To, call]))
    const toLandline = byNumber.get('+441632960101')!
    const toMobile = byNumber.get('+447700900102')!
    assert.exists(toLandline)
    assert.exists(toMobile)
    assert.equal(toLandline.params.From, FROM_NUMBER)
    assert.equal(toLandline.params.MachineDetection, 'DetectMessageEnd')
    assert.equal(toLandline.params.Method, 'POST')
    assert.match(String(toLandline.params.Url), /\/plugins\/voice\/webhooks\/twiml\?call=\d+$/)
    assert.match(
      String(toLandline.params.StatusCallback),
      /\/plugins\/voice\/webhooks\/status\?call=\d+$/
    )
    assert.deepEqual(
      fake.requests.filter((request) => request.path.endsWith('/Calls.json')).map((r) => r.method),
      ['POST', 'POST']
    )

    const answered = await fake.answer(toLandline, 'human')
    assert.equal(answered.status, 200)
    const twiml = answered.text
    assert.equal(twiml.split(`${SAY}${SCRIPT}</Say>`).length, 3, 'read twice')
    assert.include(twiml, '<Gather numDigits="1"')
    assert.include(twiml, 'To hear this alert again, press 1.')
    const again = await fake.press(toLandline, '1')
    assert.include(again.text, `${SAY}${SCRIPT}</Say>`)
    assert.include(again.text, '<Gather')
    const done = await fake.press(toLandline, '9')
    assert.notInclude(done.text, SCRIPT)
    assert.include(done.text, '<Hangup/>')

    // A machine: the message after its beep, twice, and no key to press.
    const machine = await fake.answer(toMobile, 'machine_end_beep')
    assert.equal(machine.text.split(`${SAY}${SCRIPT}</Say>`).length, 3)
    assert.notInclude(machine.text, '<Gather')

    assert.equal((await fake.report(toLandline, 'completed')).status, 204)
    assert.equal((await fake.report(toMobile, 'failed', { ErrorCode: '32005' })).status, 204)
    await registeredCalls()!.settled()
    const deliveries = await voiceDeliveries(alertId)
    const landlineDelivery = deliveries.find((row) => Number(row.resident_id) === landline.id)
    const mobileDelivery = deliveries.find((row) => Number(row.resident_id) === mobile.id)
    assert.equal(landlineDelivery.status, 'delivered')
    assert.equal(landlineDelivery.provider_id, toLandline.sid)
    assert.equal(mobileDelivery.status, 'failed')
    assert.equal(mobileDelivery.error, 'The call could not be connected (Twilio error 32005)')
    assert.lengthOf(deliveries, 2, 'one call each, the email-only resident none')
  })

  test('forged, unsigned and malformed callbacks get 401 and change nothing', async ({
    assert,
    cleanup,
  }) => {
    const { fake, central, organisation } = await voiceInstall(cleanup)
    await createResident(central, [organisation], { landline: '+441632960101' })
    const { alertId } = await sendAlert(organisation, central.id)
    await eventually(async () => assert.lengthOf(fake.calls, 1))
    await allSent(alertId, 1)
    const [call] = fake.calls
    const statusUrl = String(call.params.StatusCallback)
    const fields = { CallSid: call.sid, CallStatus: 'completed', AccountSid: 'AC' + '1'.repeat(32) }

    const forged = await fake.post(statusUrl, fields, 'b'.repeat(32))
    assert.equal(forged.status, 401)
    const unsigned = await fetch(statusUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
    assert.equal(unsigned.status, 401)
    const malformed = await fake.post(statusUrl, { CallSid: call.sid })
    assert.equal(malformed.status, 401, 'signed, but no CallStatus')
    const twimlForged = await fake.post(
      String(call.params.Url),
      { CallSid: call.sid },
      'c'.repeat(32)
    )
    assert.equal(twimlForged.status, 401)
    assert.notInclude(twimlForged.text, 'Water off')

    const [delivery] = await voiceDeliveries(alertId)
    assert.equal(delivery.status, 'sent', 'nothing changed')
    assert.equal((await fake.report(call, 'completed')).status, 204)
    await registeredCalls()!.settled()
    assert.equal((await voiceDeliveries(alertId))[0].status, 'delivered')
  })

  test('busy and no answer are called again, spaced out, up to the set number of times; then the delivery fails', async ({
    assert,
    cleanup,
  }) => {
    const { fake, central, organisation } = await voiceInstall(cleanup)
    await createResident(central, [organisation], { landline: '+441632960101' })
    await createResident(central, [organisation], { landline: '+441632960202' })
    const { alertId } = await sendAlert(organisation, central.id)
    await eventually(async () => assert.lengthOf(fake.calls, 2))
    await allSent(alertId, 2)
    const first = fake.calls.find((call) => call.params.To === '+441632960101')!
    const second = fake.calls.find((call) => call.params.To === '+441632960202')!
    const calls = registeredCalls()!
    const start = Date.now()

    await fake.report(first, 'busy')
    await fake.report(second, 'no-answer')
    await fake.report(second, 'no-answer') // a repeated callback is harmless
    assert.deepEqual(
      (await voiceDeliveries(alertId)).map((row) => row.status),
      ['sent', 'sent'],
      'still trying'
    )
    assert.equal(await calls.retryDue(start + 60_000), 0, 'not before the wait is over')
    assert.equal(await calls.retryDue(start + LATER), 2)
    assert.lengthOf(fake.calls, 4)
    const [firstAgain, secondAgain] = fake.calls.slice(2)
    assert.equal(firstAgain.params.Url, first.params.Url, 'the same alert, read from the same row')

    // The second resident answers the second call: delivered, under the first call's id.
    await fake.answer(secondAgain)
    await fake.report(secondAgain, 'completed')
    await fake.report(firstAgain, 'no-answer')
    // The wait grows: 10 minutes after the first try, 20 after the second.
    assert.equal(await calls.retryDue(start + LATER), 0)
    assert.equal(await calls.retryDue(start + 3 * LATER), 1)
    const third = fake.calls[4]
    assert.equal(third.params.To, '+441632960101')
    await fake.report(third, 'busy')
    assert.equal(await calls.retryDue(start + 100 * LATER), 0, 'two retries, then no more')
    await calls.settled()

    const rows = await voiceDeliveries(alertId)
    assert.equal(rows[0].status, 'failed')
    assert.equal(rows[0].error, 'The line was busy on all 3 calls')
    assert.equal(rows[0].provider_id, first.sid)
    assert.equal(rows[1].status, 'delivered')
    assert.equal(rows[1].provider_id, second.sid)
  })

  test('Twilio refusing a number fails that delivery for good; a Twilio outage is retried by the ledger', async ({
    assert,
    cleanup,
  }) => {
    const { fake, central, organisation } = await voiceInstall(cleanup)
    await createResident(central, [organisation], { landline: '+441632960101' })
    fake.refusals.push({ status: 503, code: 20500, message: 'Service unavailable' })
    const { alertId } = await sendAlert(organisation, central.id)
    await eventually(async () => {
      assert.lengthOf(fake.calls, 1, 'placed on the ledger’s retry')
    })
    assert.lengthOf(
      fake.requests.filter((request) => request.path.endsWith('/Calls.json')),
      2,
      'the 503, then the call'
    )
    await eventually(async () => {
      const [delivery] = await voiceDeliveries(alertId)
      assert.equal(delivery.status, 'sent')
      assert.equal(delivery.provider_id, fake.calls[0].sid)
    })

    fake.refusals.push({ status: 400, code: 21211, message: "Invalid 'To' Phone Number" })
    const other = await sendAlert(organisation, central.id, {
      title: 'Second',
      body: 'Second alert.',
      priority: 3,
    })
    await eventually(async () => {
      const [row] = await voiceDeliveries(other.alertId)
      assert.equal(row.status, 'failed')
      assert.equal(row.error, 'The number cannot be called (Twilio error 21211)')
    })
  })
})
