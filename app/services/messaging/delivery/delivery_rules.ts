import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { nextAllowedTime, type QuietWindow } from '#services/messaging/delivery/quiet_hours'
import {
  consentingOrganisations,
  type AudienceCriteria,
} from '#services/targeting/audience_criteria'

export type DeliveryDecision =
  { action: 'send' } | { action: 'skip'; reason: string } | { action: 'later'; at: DateTime }

interface Recipient {
  residentId: number
  status: string
  priorityThreshold: number
}

/** A resident's saved settings for one channel. */
export interface ChannelPreference {
  enabled: boolean
  quietFrom: string | null
  quietTo: string | null
  emergencyOverride: boolean
}

/** A recipient with their rules already read (the send job reads them with its claim). */
export interface KnownRecipient extends Recipient {
  consenting: boolean
  preference: ChannelPreference | null
}

interface AlertScope {
  organisationId: number
  priority: number
  /** A joint alert's co-signers: consent to any of them is enough. */
  criteria?: AudienceCriteria
}

/**
 * The resident's own rules, applied when an alert is dispatched and again
 * when it is sent: still subscribed, still consenting to the organisation (or a co-signer),
 * accepting this priority, the channel switched on, and outside its quiet
 * hours (which an emergency may override if the resident allows it).
 */
export default class DeliveryRules {
  static async decide(
    alert: AlertScope,
    channel: string,
    recipients: Recipient[],
    now = DateTime.now()
  ) {
    const ids = recipients.map((recipient) => recipient.residentId)
    const decisions = new Map<number, DeliveryDecision>()
    if (ids.length === 0) return decisions

    const [preferences, consents] = await Promise.all([
      db.from('channel_preferences').whereIn('resident_id', ids).where('channel', channel),
      db
        .from('consents')
        .whereIn('resident_id', ids)
        .whereIn(
          'organisation_id',
          // Read field by field: the alert may be a model, whose columns a spread would not copy.
          consentingOrganisations({
            organisationId: alert.organisationId,
            priority: alert.priority,
            criteria: alert.criteria ?? { areaIds: [] },
          })
        )
        .whereNull('withdrawn_at')
        .select('resident_id'),
    ])
    const preferenceByResident = new Map(preferences.map((row) => [Number(row.resident_id), row]))
    const consenting = new Set(consents.map((row) => Number(row.resident_id)))
    return this.decideKnown(
      alert,
      channel,
      recipients.map((recipient) => {
        const preference = preferenceByResident.get(recipient.residentId)
        return {
          ...recipient,
          consenting: consenting.has(recipient.residentId),
          preference: preference
            ? {
                enabled: Boolean(preference.enabled),
                quietFrom: preference.quiet_from,
                quietTo: preference.quiet_to,
                emergencyOverride: Boolean(preference.emergency_override),
              }
            : null,
        }
      }),
      now
    )
  }

  /** The same decisions for recipients whose consent and channel settings are already known. */
  static decideKnown(
    alert: { priority: number },
    channel: string,
    recipients: KnownRecipient[],
    now = DateTime.now()
  ) {
    const decisions = new Map<number, DeliveryDecision>()
    for (const recipient of recipients) {
      const preference = recipient.preference
      if (recipient.status !== 'active') {
        decisions.set(recipient.residentId, {
          action: 'skip',
          reason: 'The resident stopped alerts before this was sent',
        })
      } else if (!recipient.consenting) {
        decisions.set(recipient.residentId, {
          action: 'skip',
          reason: 'The resident withdrew consent for this organisation',
        })
      } else if (Number(recipient.priorityThreshold) > alert.priority) {
        decisions.set(recipient.residentId, {
          action: 'skip',
          reason: 'The resident no longer accepts this priority',
        })
      } else if (preference && !preference.enabled) {
        decisions.set(recipient.residentId, {
          action: 'skip',
          reason: `The resident turned off ${channel}`,
        })
      } else {
        const window: QuietWindow | undefined = preference
          ? {
              quietFrom: preference.quietFrom,
              quietTo: preference.quietTo,
              emergencyOverride: preference.emergencyOverride,
            }
          : undefined
        const at = nextAllowedTime(window, alert.priority, now)
        decisions.set(recipient.residentId, at ? { action: 'later', at } : { action: 'send' })
      }
    }
    return decisions
  }
}
