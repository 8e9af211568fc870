import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * Who counts as one of an organisation's residents at an instant: their
 * consent to the organisation was granted before it and not withdrawn by
 * then, they had confirmed (a resident still "pending" is not counted), and
 * they had not stopped all alerts by then (one who stopped, with no date of
 * it, is not counted). Erasing a resident deletes their consents, so an
 * erased resident is counted at no date. The Residents report
 * (engagement's resident_figures.ts) and Who we reach both count with it;
 * it lives here because residents come before engagement.
 */
export function countedAt(instant: DateTime) {
  const at = sqlTime(instant)
  return {
    sql: `(consents.granted_at < ? AND (consents.withdrawn_at IS NULL OR consents.withdrawn_at >= ?)
      AND (residents.status = 'active' OR residents.unsubscribed_at >= ?))`,
    bindings: [at, at, at],
  }
}

/**
 * An organisation's residents, now (consent given and not withdrawn,
 * confirmed and not stopped) or, given an instant, as they were then.
 */
export function residentsOf(organisationId: number, at?: DateTime | null) {
  const query = db
    .from('consents')
    .join('residents', 'residents.id', 'consents.resident_id')
    .where('consents.organisation_id', organisationId)
  if (!at) return query.whereNull('consents.withdrawn_at').where('residents.status', 'active')
  const { sql, bindings } = countedAt(at)
  return query.whereIn('residents.status', ['active', 'unsubscribed']).whereRaw(sql, bindings)
}
