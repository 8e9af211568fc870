import type {
  Channel,
  ChannelRecipient,
  ChannelVariant,
  DeliveryOutcome,
  OutgoingDelivery,
  RenderableAlert,
} from '#contracts/channel'
import { CHANNEL_ID, type VoiceCalls } from './voice_calls.js'
import type { TwilioRefusal } from './twilio_client.js'
import { MOBILE_CALLS_KIND, type MobileCalls } from './mobile_calls.js'

/** Twilio's codes for a number that cannot be called at all. */
const INVALID_NUMBER = new Set([13223, 13224, 21211, 21214, 21217, 21401, 21407])
/** Twilio's codes for an account that may not call there or is not set up. */
const ACCOUNT_PROBLEM = new Set([20003, 20005, 21210, 21215, 21216])

function sentence(text: string) {
  const trimmed = text.trim()
  return /[.!?…:]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/**
 * What the call reads out: who it is from and how urgent, the title, then
 * the body in sentences (list markers and link addresses left out, as they
 * cannot be heard; a bare address becomes "the website").
 */
export function alertScript(alert: RenderableAlert) {
  const priority = alert.priorityLabel.toLowerCase()
  const article = /^[aeiou]/.test(priority) ? 'an' : 'a'
  const body = alert.bodyText
    .replace(/^\s*(?:[-*]|\d+\.)\s+/gm, '')
    .replace(/\s*\((?:https?:\/\/|mailto:)?[^\s()]+[@/][^\s()]*\)/g, '')
    .replace(/https?:\/\/\S+?(?=[.,;:!?]?(?:\s|$))/g, 'the website')
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(sentence)
    .join(' ')
  return [
    `This is ${article} ${priority} alert from ${alert.branding.organisationName}.`,
    sentence(alert.title),
    body,
  ]
    .filter(Boolean)
    .join(' ')
}

export function outcomeOfRefusal(deliveryId: number, refusal: TwilioRefusal): DeliveryOutcome {
  const code = refusal.code ?? 0
  const said = refusal.code ? ` (Twilio error ${refusal.code})` : ''
  if (refusal.status === null || refusal.status === 429 || refusal.status >= 500) {
    return {
      deliveryId,
      status: 'retry',
      reason: refusal.status
        ? `Twilio answered ${refusal.status}${said}`
        : `Twilio could not be reached: ${refusal.message}`,
    }
  }
  if (INVALID_NUMBER.has(code)) {
    // Not invalidContact: the core would then mark every kind the channel declares (the
    // landline and the mobile) dead, and a bad landline would stop the resident's texts too.
    return {
      deliveryId,
      status: 'failed',
      reason: `The number cannot be called${said}`,
      permanent: true,
    }
  }
  if (refusal.status === 401 || ACCOUNT_PROBLEM.has(code)) {
    // The account, not the resident: tried again, and the send pauses if it keeps failing.
    return {
      deliveryId,
      status: 'retry',
      reason: `Twilio refused the account’s settings${said}: check Settings → Plugins → Voice calls`,
    }
  }
  return {
    deliveryId,
    status: 'failed',
    reason: `Twilio refused the call${said}`,
    permanent: false,
  }
}

/**
 * Alerts read out by phone: to the resident's landline, or to their mobile
 * when they have no landline and chose "Phone call to my mobile" on their
 * preferences page (MobileCalls). Nobody else's mobile is ever called.
 */
export class VoiceChannel implements Channel {
  readonly id = CHANNEL_ID
  readonly label = 'Phone call'
  // The choice of calls to a mobile, not the mobile itself: see MobileCalls.
  readonly contact = ['landline', MOBILE_CALLS_KIND] as const
  // Twilio reads at most 4,096 characters in one <Say>; Twilio's default is one new call a second.
  readonly limits = {
    maxTextLength: 4000,
    supportsHtml: false,
    batchSize: 10,
    concurrency: 1,
    ratePerSecond: 1,
  }

  constructor(
    private calls: VoiceCalls,
    private mobileCalls: MobileCalls
  ) {}

  async isReady() {
    return (await this.calls.settings())
      ? { ready: true as const }
      : {
          ready: false as const,
          reason: 'The Twilio account is not set up (Settings → Plugins → Voice calls).',
        }
  }

  addressOf(recipient: ChannelRecipient) {
    // A mobile only with the resident's choice, which send() reads.
    return recipient.landline
  }

  /** The landline, else the mobile when the resident chose calls to that very number. */
  #numberOf(recipient: ChannelRecipient, chosen: Map<number, Set<string>>) {
    if (recipient.landline) return recipient.landline
    const mobile = recipient.phone
    return mobile && chosen.get(recipient.residentId)?.has(mobile) ? mobile : null
  }

  async render(alert: RenderableAlert): Promise<ChannelVariant> {
    return { text: alertScript(alert) }
  }

  async send(
    batch: OutgoingDelivery[],
    report?: (outcome: DeliveryOutcome) => void
  ): Promise<DeliveryOutcome[]> {
    const settings = await this.calls.settings()
    const chosen = await this.mobileCalls.chosenFor(
      batch.filter((delivery) => !delivery.recipient.landline).map((d) => d.recipient.residentId)
    )
    const outcomes: DeliveryOutcome[] = []
    for (const delivery of batch) {
      const deliveryId = delivery.deliveryId
      const number = this.#numberOf(delivery.recipient, chosen)
      if (!settings) {
        outcomes.push({ deliveryId, status: 'retry', reason: 'The Twilio account is not set up' })
      } else if (!number) {
        outcomes.push({
          deliveryId,
          status: 'failed',
          reason: 'The resident has no landline, nor a mobile they chose calls to',
          permanent: false,
        })
      } else {
        const result = await this.calls.place(settings, {
          kind: 'alert',
          residentId: delivery.recipient.residentId,
          toNumber: number,
          script: delivery.variant.text,
        })
        const outcome: DeliveryOutcome = result.ok
          ? { deliveryId, status: 'sent', providerId: result.callSid }
          : outcomeOfRefusal(deliveryId, result.refusal)
        // Recorded as Twilio takes the call: a worker that dies mid-batch does not call again.
        report?.(outcome)
        outcomes.push(outcome)
      }
    }
    return outcomes
  }
}
