import logger from '@adonisjs/core/services/logger'
import type { ChannelCostEstimate } from '#contracts/channel'
import type Alert from '#models/messaging/alert'
import channelRegistry from '#services/platform/plugins/channel_registry'
import AudienceCount from '#services/targeting/audience_count'
import { renderableAlert } from '#services/messaging/alert_rendering'
import { countSms } from '#services/messaging/sms_segments'
import { DEFAULT_LANGUAGE } from '#services/messaging/alert_variants'

export interface AlertCostLine {
  channelId: string
  label: string
  recipients: number
  estimate: ChannelCostEstimate
  /** This send would take the month's spending on the channel past the organisation's limit. */
  overMonthlyLimit: boolean
}

/**
 * What an alert would cost on each paid channel (those with
 * estimateCost()), for the page staff read before they send: recipients,
 * the channel's own reckoning (text parts × price for SMS) and the
 * organisation's monthly limit. A channel whose estimate fails is left out.
 */
export default class AlertCostEstimates {
  static async of(message: Alert): Promise<AlertCostLine[]> {
    const paid = channelRegistry
      .available(message.organisationId)
      .filter((channel) => typeof channel.estimateCost === 'function')
    if (paid.length === 0) return []
    await message.load('organisation')
    const counts = await AudienceCount.byChannel(
      {
        organisationId: message.organisationId,
        priority: message.priority,
        criteria: message.criteria,
      },
      paid.map((channel) => channel.id)
    )
    const alert = renderableAlert(message)
    const lines: AlertCostLine[] = []
    for (const channel of paid) {
      try {
        const variant = await channel.render(alert, DEFAULT_LANGUAGE)
        const count = countSms(variant.text)
        const recipients = counts.byChannel[channel.id] ?? 0
        const estimate = await channel.estimateCost!({
          organisationId: message.organisationId,
          variant,
          recipients,
          textParts: { encoding: count.encoding, parts: count.segments },
        })
        if (!estimate) continue
        const limit = estimate.monthlyLimit
        lines.push({
          channelId: channel.id,
          label: channel.label,
          recipients,
          estimate,
          overMonthlyLimit: !!limit && limit.spentPence + estimate.totalPence > limit.limitPence,
        })
      } catch (error) {
        logger.warn({ err: error, channel: channel.id }, 'cost estimate failed')
      }
    }
    return lines
  }
}

/** "£12.34" for 1234 pence. */
export function pounds(pence: number) {
  return `£${(pence / 100).toFixed(2)}`
}
