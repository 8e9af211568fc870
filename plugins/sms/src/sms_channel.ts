import logger from '@adonisjs/core/services/logger'
import { countSms } from '#contracts/sms_segments'
import type { SettingsReader } from '#contracts/settings'
import type {
  Channel,
  ChannelCostEstimate,
  CostEstimateRequest,
  DeliveryOutcome,
  OutgoingDelivery,
  RenderableAlert,
  ChannelVariant,
} from '#contracts/channel'
import type { ProviderCache } from './providers.js'
import type { SmsOrganisationSettings } from './settings.js'
import { SmsSpend } from './spend.js'

const DEFAULT_PENCE_PER_PART = 2

const textOf = (delivery: OutgoingDelivery) =>
  withRatingLink(delivery.variant.text, delivery.ratingUrl)

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
 * The text with the resident's short rating link as its last line, when the
 * link fits in the parts the text takes already; without it otherwise (a
 * rating link is not worth a part of its own: the resident rates from their
 * list of alerts or the email instead).
 */
export function withRatingLink(text: string, ratingUrl: string | null | undefined) {
  if (!ratingUrl) return text
  const rated = `${text}\nRate this alert: ${ratingUrl}`
  return countSms(rated).segments <= countSms(text).segments ? rated : text
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
  readonly usesShortLinks = true
  readonly limits = {
    maxTextLength: SMS_MAX_LENGTH,
    supportsHtml: false,
    batchSize: 50,
    concurrency: 2,
    ratePerSecond: 50,
  }

  constructor(
    private providers: ProviderCache,
    private settings: SettingsReader,
    private statusCallbackUrl: () => string
  ) {}

  async estimateCost({
    organisationId,
    recipients,
    textParts,
  }: CostEstimateRequest): Promise<ChannelCostEstimate> {
    const { values } = await this.providers.current()
    const price = values.cost_per_segment_pence ?? DEFAULT_PENCE_PER_PART
    const { monthly_limit_pounds: limit } =
      await this.settings.forOrganisation<SmsOrganisationSettings>(organisationId)
    const parts = textParts.parts
    const spent = await SmsSpend.thisMonth(organisationId)
    return {
      totalPence: Math.round(recipients * parts * price),
      basis: `${parts} ${parts === 1 ? 'part' : 'parts'} a message (${textParts.encoding === 'GSM-7' ? 'GSM-7' : 'Unicode'}) at ${price}p a part`,
      monthlyLimit:
        limit === undefined || limit === null
          ? null
          : {
              limitPence: Math.round(limit * 100),
              spentPence: spent.pence,
            },
    }
  }

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

  async send(
    batch: OutgoingDelivery[],
    report?: (outcome: DeliveryOutcome) => void
  ): Promise<DeliveryOutcome[]> {
    const current = await this.providers.current()
    const price = current.values.cost_per_segment_pence ?? DEFAULT_PENCE_PER_PART
    const outcomes = await Promise.all(
      batch.map(async (delivery) => {
        const outcome = await this.#sendOne(delivery, current)
        // Recorded as the provider answers: a worker that dies mid-batch sends again only what was in flight.
        report?.(outcome)
        return outcome
      })
    )
    // What was sent counts towards the organisation's month (a batch is one alert's).
    const sentParts = batch
      .filter((_, index) => outcomes[index].status === 'sent')
      .reduce((sum, delivery) => sum + countSms(textOf(delivery)).segments, 0)
    if (batch.length > 0) {
      await SmsSpend.add(
        batch[0].alert.organisationId,
        sentParts,
        Math.round(sentParts * price)
      ).catch((error) => logger.error({ err: error }, 'sms: the month’s spending was not counted'))
    }
    return outcomes
  }

  async #sendOne(
    delivery: OutgoingDelivery,
    { provider, reason, values }: Awaited<ReturnType<ProviderCache['current']>>
  ): Promise<DeliveryOutcome> {
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
    const answer = await provider.send(to, textOf(delivery), {
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
  }
}
