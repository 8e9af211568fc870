import type {
  Channel,
  DeliveryOutcome,
  OutgoingDelivery,
  RenderableAlert,
  ChannelVariant,
} from '#contracts/channel'
import type { ProviderCache } from './providers.js'

// Six parts of GSM-7 text: beyond that a text costs more than it is worth.
export const SMS_MAX_LENGTH = 918

/** The text of an alert: who it is from, the title, the body, and where to read it in full. */
export function smsText(alert: RenderableAlert) {
  const link = alert.publicUrl ?? alert.alertsUrl
  const head = `${alert.branding.senderName}: ${alert.title}`
  const body = alert.bodyText.trim()
  const full = `${head}\n${body}\n${link}`
  if (full.length <= SMS_MAX_LENGTH) return full
  const room = SMS_MAX_LENGTH - head.length - link.length - 3
  return `${head}\n${body.slice(0, Math.max(0, room)).trimEnd()}…\n${link}`
}

/**
 * Alerts by text message to residents' verified mobile numbers, through
 * GOV.UK Notify or Twilio (install settings). Notify allows 3,000 messages
 * a minute per key: the channel's rate keeps every worker together under it,
 * and a 429 is retried later by the ledger, never dropped.
 */
export class SmsChannel implements Channel {
  readonly id = 'sms'
  readonly label = 'Text message'
  readonly contact = 'mobile'
  readonly limits = {
    maxTextLength: SMS_MAX_LENGTH,
    supportsHtml: false,
    batchSize: 50,
    concurrency: 2,
    ratePerSecond: 50,
  }

  constructor(
    private providers: ProviderCache,
    private statusCallbackUrl: () => string
  ) {}

  async isReady() {
    const { provider, reason } = await this.providers.current()
    return provider ? { ready: true as const } : { ready: false as const, reason: reason! }
  }

  addressOf(recipient: { phone: string | null }) {
    return recipient.phone
  }

  async render(alert: RenderableAlert): Promise<ChannelVariant> {
    return { text: smsText(alert) }
  }

  async send(batch: OutgoingDelivery[]): Promise<DeliveryOutcome[]> {
    const { provider, reason, values } = await this.providers.current()
    return Promise.all(
      batch.map(async (delivery): Promise<DeliveryOutcome> => {
        const deliveryId = delivery.deliveryId
        if (!provider) return { deliveryId, status: 'retry', reason: reason! }
        const to = delivery.recipient.phone
        if (!to) {
          return {
            deliveryId,
            status: 'failed',
            reason: 'The resident has no mobile number',
            permanent: true,
          }
        }
        const answer = await provider.send(to, delivery.variant.text, {
          reference: String(deliveryId),
          statusCallback: values.provider === 'twilio' ? this.statusCallbackUrl() : undefined,
        })
        if (answer.ok) return { deliveryId, status: 'sent', providerId: answer.id }
        if (answer.retry) {
          return {
            deliveryId,
            status: 'retry',
            reason: answer.reason,
            retryAfterSeconds: answer.retryAfterSeconds,
          }
        }
        return {
          deliveryId,
          status: 'failed',
          reason: answer.reason,
          permanent: true,
          invalidContact: answer.invalidNumber,
        }
      })
    )
  }
}
