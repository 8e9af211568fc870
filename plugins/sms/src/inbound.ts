import type { ResidentLookup } from '#contracts/residents'
import type { ResidentReplies } from '#contracts/replies'
import { SmsReplies } from './replies.js'

// The words phone networks and providers treat as "stop texting me".
const STOP_WORDS = new Set([
  'STOP',
  'STOPALL',
  'STOP ALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'OPT OUT',
  'REVOKE',
])

export function isStop(text: string) {
  return STOP_WORDS.has(
    text
      .trim()
      .replace(/[.!\s]+$/, '')
      .replace(/\s+/g, ' ')
      .toUpperCase()
  )
}

/** A UK number as providers write it (447700…, +447700…, 07700…) in E.164. */
export function e164(number: string) {
  const digits = number.replace(/[^\d+]/g, '')
  if (digits.startsWith('+')) return digits
  if (digits.startsWith('44')) return `+${digits}`
  if (digits.startsWith('0')) return `+44${digits.slice(1)}`
  return `+${digits}`
}

export type InboundOutcome =
  { kind: 'stopped'; residents: number } | { kind: 'reply'; stored: number }

/**
 * A text from a resident. STOP (and its variants) switches texts off for
 * every resident holding the number, at once; anything else is kept as a
 * reply to the alert they last received by text, and lands in the inbox of
 * the organisation that sent it (once: a provider's repeated callback is
 * recognised by its id before the inbox sees it).
 */
export async function receiveText(
  residents: ResidentLookup,
  replies: ResidentReplies,
  text: { from: string; text: string; providerId: string }
): Promise<InboundOutcome> {
  const holders = await residents.holdersOf('mobile', e164(text.from))
  if (isStop(text.text)) {
    for (const residentId of holders) await residents.stopChannel(residentId, 'sms')
    return { kind: 'stopped', residents: holders.length }
  }
  let stored = 0
  for (const residentId of holders) {
    const answered = await residents.lastDelivery(residentId, 'sms')
    const body = text.text.trim().slice(0, 2000)
    const isNew = await SmsReplies.store({
      residentId,
      alertId: answered?.alertId ?? null,
      organisationId: answered?.organisationId ?? null,
      body,
      // One row per resident for the same text (two residents sharing a phone).
      providerId: holders.length > 1 ? `${text.providerId}:${residentId}` : text.providerId,
    })
    if (isNew && answered && body) {
      await replies.receive({ residentId, alertId: answered.alertId, body, via: 'sms' })
    }
    stored++
  }
  return { kind: 'reply', stored }
}

export function stopConfirmation(appUrl: string) {
  return `You will get no more text alerts. To start them again, go to ${appUrl.replace(/\/$/, '')}/my-alerts`
}
