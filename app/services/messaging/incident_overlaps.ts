import { DateTime } from 'luxon'
import Alert from '#models/messaging/alert'
import { REACHED_STATUSES, type AudienceScope } from '#services/targeting/audience_criteria'
import AudienceQuery from '#services/targeting/audience_query'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/** How far back (and, for scheduled alerts, ahead) another organisation's alert counts as the same incident. */
export const INCIDENT_WINDOW_HOURS = 6

export interface Overlap {
  alert: Alert
  /** sent: it went out (or is going); scheduled: it will. */
  state: 'sent' | 'scheduled'
  /** When it went, or will go. */
  at: DateTime
  /** Residents of this alert's audience it reached (or will reach). */
  residents: number
  /** The same as a whole percentage of this alert's audience. */
  percent: number
  /** Whether this alert already leaves them out. */
  leftOut: boolean
}

/**
 * One alert per incident on a shared register: before an organisation
 * sends, the alerts other organisations sent in the last hours, or have
 * scheduled for the next ones, about the same category, and how much of
 * this alert's audience each reached. A sent one's residents can be left
 * out (criteria.excludeRecipientsOf): the ledger says who it reached.
 */
export default class IncidentOverlaps {
  static async forDraft(alert: Alert, now = DateTime.now()): Promise<Overlap[]> {
    if (!alert.category) return []
    const since = sqlTime(now.minus({ hours: INCIDENT_WINDOW_HOURS }))
    const until = sqlTime(now.plus({ hours: INCIDENT_WINDOW_HOURS }))
    const others = await Alert.query()
      .whereNot('organisation_id', alert.organisationId)
      .where('category', alert.category)
      .where((when) => {
        when
          .where((sent) =>
            sent
              .whereIn('status', ['sending', 'sent', 'paused'])
              .where('dispatched_at', '>=', since)
          )
          .orWhere((scheduled) =>
            scheduled.where('status', 'scheduled').where('scheduled_at', '<=', until)
          )
      })
      .preload('organisation')
      .orderBy('id', 'desc')
      .limit(5)
    if (others.length === 0) return []

    const excluded = alert.criteria.excludeRecipientsOf ?? []
    // This alert's audience as if it left nobody out: the share of it each other alert has.
    const scope: AudienceScope = {
      organisationId: alert.organisationId,
      priority: alert.priority,
      criteria: { ...alert.criteria, excludeRecipientsOf: undefined },
    }
    const total = await AudienceQuery.count(scope)
    const overlaps: Overlap[] = []
    for (const other of others) {
      const sent = other.status !== 'scheduled'
      const shared = AudienceQuery.build(scope)
      if (sent) {
        shared.whereExists((reached) =>
          reached
            .from('deliveries')
            .whereRaw('deliveries.resident_id = residents.id')
            .where('deliveries.alert_id', other.id)
            .whereIn('deliveries.status', REACHED_STATUSES)
        )
      } else {
        const theirs = AudienceQuery.build({
          organisationId: other.organisationId,
          priority: other.priority,
          criteria: other.criteria,
        })
        shared.whereIn('residents.id', theirs.select('residents.id'))
      }
      const row = await shared.count('* as total').first()
      const residents = Number(row?.total ?? 0)
      if (residents === 0) continue
      overlaps.push({
        alert: other,
        state: sent ? 'sent' : 'scheduled',
        at: (sent ? other.dispatchedAt : other.scheduledAt) ?? now,
        residents,
        percent: total === 0 ? 0 : Math.round((residents / total) * 100),
        leftOut: excluded.includes(other.id),
      })
    }
    return overlaps
  }
}
