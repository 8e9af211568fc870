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

    for (const recipient of recipients) {
      const preference = preferenceByResident.get(recipient.residentId)
      if (recipient.status !== 'active') {
        decisions.set(recipient.residentId, {
          action: 'skip',
          reason: 'The resident stopped alerts before this was sent',
        })
      } else if (!consenting.has(recipient.residentId)) {
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
              quietFrom: preference.quiet_from,
              quietTo: preference.quiet_to,
              emergencyOverride: Boolean(preference.emergency_override),
            }
          : undefined
        const at = nextAllowedTime(window, alert.priority, now)
        decisions.set(recipient.residentId, at ? { action: 'later', at } : { action: 'send' })
      }
    }
    return decisions
  }
}
