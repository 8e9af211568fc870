import twilio from 'twilio'

/**
 * What a call says, as TwiML. Twilio reads it with a British English voice;
 * the alert is read twice (a first hearing is often lost to "hello?"), then
 * a person may press 1 to hear it again. An answering machine gets it after
 * its beep (Twilio's machine detection waits for the end of the greeting)
 * and, with nobody to press a key, only the two readings.
 */

export const VOICE = { voice: 'Polly.Amy', language: 'en-GB' } as const

/** A calm reading pace for alerts, a little slower than conversation. */
export const WORDS_PER_MINUTE = 150
const PAUSE_SECONDS = 1

export const HEAR_AGAIN = 'To hear this alert again, press 1.'
export const GOODBYE = 'Goodbye.'

/** Seconds it takes to read the text out, rounded up. */
export function spokenSeconds(text: string) {
  const words = text.split(/\s+/).filter(Boolean).length
  return Math.ceil((words * 60) / WORDS_PER_MINUTE)
}

/** How long a call to a person lasts: two readings, the pause between, and the offer to hear it again. */
export function callSeconds(script: string) {
  return 2 * spokenSeconds(script) + PAUSE_SECONDS + spokenSeconds(HEAR_AGAIN)
}

/** "1 minute 5 seconds", "40 seconds". */
export function describeSeconds(seconds: number) {
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  const parts = []
  if (minutes > 0) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`)
  if (rest > 0 || minutes === 0) parts.push(`${rest} second${rest === 1 ? '' : 's'}`)
  return parts.join(' ')
}

/** Twilio's AnsweredBy values for a machine whose greeting has ended. */
export function isMachine(answeredBy: string | undefined) {
  return typeof answeredBy === 'string' && answeredBy.startsWith('machine')
}

function readTwice(response: InstanceType<typeof twilio.twiml.VoiceResponse>, script: string) {
  response.say(VOICE, script)
  response.pause({ length: PAUSE_SECONDS })
  response.say(VOICE, script)
}

/** The alert's call. `gatherUrl` is where Twilio posts the key pressed. */
export function alertTwiml(script: string, options: { gatherUrl: string; answeredBy?: string }) {
  const response = new twilio.twiml.VoiceResponse()
  if (options.answeredBy === 'fax') {
    response.hangup()
    return response.toString()
  }
  readTwice(response, script)
  if (!isMachine(options.answeredBy)) {
    const gather = response.gather({
      numDigits: 1,
      timeout: 5,
      action: options.gatherUrl,
      method: 'POST',
    })
    gather.say(VOICE, HEAR_AGAIN)
  }
  response.say(VOICE, GOODBYE)
  response.hangup()
  return response.toString()
}

/** After a key: 1 reads the alert again (and offers it again); anything else ends the call. */
export function gatherTwiml(script: string, digits: string | undefined, gatherUrl: string) {
  const response = new twilio.twiml.VoiceResponse()
  if (digits === '1') {
    response.say(VOICE, script)
    response
      .gather({ numDigits: 1, timeout: 5, action: gatherUrl, method: 'POST' })
      .say(VOICE, HEAR_AGAIN)
  }
  response.say(VOICE, GOODBYE)
  response.hangup()
  return response.toString()
}

/** A verification code, digit by digit with pauses ("4, 7, 1…"), as a person writes it down; codeTwiml reads it twice. */
export function codeScript(code: string) {
  const spaced = code.split('').join(', ')
  return `Your verification code is ${spaced}.`
}

export function codeTwiml(script: string) {
  const response = new twilio.twiml.VoiceResponse()
  readTwice(response, script)
  response.say(VOICE, GOODBYE)
  response.hangup()
  return response.toString()
}
