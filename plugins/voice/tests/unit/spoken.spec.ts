import { test } from '@japa/runner'
import {
  alertTwiml,
  callSeconds,
  codeScript,
  codeTwiml,
  describeSeconds,
  gatherTwiml,
  spokenSeconds,
} from '../../src/spoken.js'
import { alertScript, outcomeOfRefusal } from '../../src/voice_channel.js'

const GATHER = 'https://alerts.example.org/plugins/voice/webhooks/gather?call=7'

test.group('Voice plugin: what a call says', () => {
  test('reading time is estimated at 150 words a minute, rounded up', ({ assert }) => {
    assert.equal(spokenSeconds(''), 0)
    assert.equal(spokenSeconds('one two three'), 2)
    assert.equal(spokenSeconds(Array(150).fill('word').join(' ')), 60)
    assert.equal(callSeconds(Array(150).fill('word').join(' ')), 2 * 60 + 1 + 3)
    assert.equal(describeSeconds(0), '0 seconds')
    assert.equal(describeSeconds(1), '1 second')
    assert.equal(describeSeconds(65), '1 minute 5 seconds')
    assert.equal(describeSeconds(120), '2 minutes')
  })

  test('a person hears the alert twice and may press 1; a machine hears it twice after the beep; a fax is hung up on', ({
    assert,
  }) => {
    const person = alertTwiml('Flood warning & advice.', { gatherUrl: GATHER, answeredBy: 'human' })
    assert.equal(person.split('>Flood warning &amp; advice.</Say>').length, 3)
    assert.include(person, `action="${GATHER}"`)
    assert.include(person, '<Gather numDigits="1" timeout="5"')
    const unknown = alertTwiml('Flood warning.', { gatherUrl: GATHER, answeredBy: 'unknown' })
    assert.include(unknown, '<Gather', 'when unsure, offer the key')
    const machine = alertTwiml('Flood warning.', {
      gatherUrl: GATHER,
      answeredBy: 'machine_end_beep',
    })
    assert.equal(machine.split('>Flood warning.</Say>').length, 3)
    assert.notInclude(machine, '<Gather')
    assert.equal(
      alertTwiml('Flood warning.', { gatherUrl: GATHER, answeredBy: 'fax' }),
      '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>'
    )
    assert.include(gatherTwiml('Flood warning.', '1', GATHER), '>Flood warning.</Say>')
    assert.notInclude(gatherTwiml('Flood warning.', '2', GATHER), 'Flood warning.')
  })

  test('a code is read digit by digit, twice', ({ assert }) => {
    assert.equal(codeScript('052913'), 'Your verification code is 0, 5, 2, 9, 1, 3.')
    const twiml = codeTwiml(codeScript('052913'))
    assert.equal(twiml.split('Your verification code is 0, 5, 2, 9, 1, 3.').length, 3)
  })

  test('the script leaves out what cannot be heard: list markers and addresses', ({ assert }) => {
    const script = alertScript({
      id: 1,
      title: 'Scam calls',
      bodyMarkdown: '',
      bodyHtml: '',
      bodyText:
        'Callers claim to be the bank.\n\n- Hang up\n- Call back on a number you know\n\nMore at https://example.org/scams',
      priority: 5,
      priorityLabel: 'Emergency',
      branding: {
        organisationName: 'Northshire Police',
        senderName: 'Northshire Police',
        colour: '#123456',
        footer: null,
        logoUrl: null,
      },
      publicUrl: null,
      alertsUrl: 'https://alerts.example.org/my-alerts/received',
    })
    assert.equal(
      script,
      'This is an emergency alert from Northshire Police. Scam calls. Callers claim to be the bank. Hang up. Call back on a number you know. More at the website.'
    )
  })

  test('Twilio’s refusals: an outage is retried, a bad number fails for good, bad credentials are retried', ({
    assert,
  }) => {
    assert.deepInclude(outcomeOfRefusal(1, { status: 503, code: 20500, message: 'x' }), {
      status: 'retry',
    })
    assert.deepInclude(outcomeOfRefusal(1, { status: null, code: null, message: 'ECONNREFUSED' }), {
      status: 'retry',
      reason: 'Twilio could not be reached: ECONNREFUSED',
    })
    assert.deepInclude(outcomeOfRefusal(1, { status: 400, code: 21211, message: 'x' }), {
      status: 'failed',
      permanent: true,
    })
    assert.deepInclude(outcomeOfRefusal(1, { status: 401, code: 20003, message: 'x' }), {
      status: 'retry',
    })
    assert.deepInclude(outcomeOfRefusal(1, { status: 400, code: 21000, message: 'x' }), {
      status: 'failed',
      permanent: false,
    })
  })
})
