import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'

/** One sent alert's emails: how many went out, and how many of them were opened and clicked. */
export interface AlertOpensAndClicks {
  alertId: number
  dispatchedAt: DateTime
  delivered: number
  opened: number
  clicked: number
}

/**
 * The figures of the open and click rates of an organisation's alerts sent
 * between two instants (by alerts.dispatched_at, as the rest of the report
 * counts them), one row per alert: two GROUP BYs, the emails through the
 * ledger's (alert_id, status) index and the opens through
 * delivery_engagements' alert_id. An organisation sends thousands of alerts,
 * not millions, so the rows are added up into periods and chart points here.
 */
export default class OpenClickFigures {
  static async perAlert(organisationId: number, from: DateTime, until: DateTime) {
    const emails = await db
      .from('deliveries')
      .join('alerts', 'alerts.id', 'deliveries.alert_id')
      .where('alerts.organisation_id', organisationId)
      .where('alerts.dispatched_at', '>=', sqlTime(from))
      .where('alerts.dispatched_at', '<', sqlTime(until))
      .where('deliveries.channel', 'email')
      .whereIn('deliveries.status', ['sent', 'delivered'])
      .select('alerts.id', 'alerts.dispatched_at')
      .count('* as total')
      .groupBy('alerts.id', 'alerts.dispatched_at')
    const engaged = await db
      .from('delivery_engagements')
      .join('alerts', 'alerts.id', 'delivery_engagements.alert_id')
      .where('alerts.organisation_id', organisationId)
      .where('alerts.dispatched_at', '>=', sqlTime(from))
      .where('alerts.dispatched_at', '<', sqlTime(until))
      .select('alerts.id')
      .count('delivery_engagements.first_opened_at as opened')
      .count('delivery_engagements.first_clicked_at as clicked')
      .groupBy('alerts.id')
    const engagedById = new Map(engaged.map((row) => [Number(row.id), row]))
    return emails.map((row): AlertOpensAndClicks => {
      const engagement = engagedById.get(Number(row.id))
      return {
        alertId: Number(row.id),
        dispatchedAt: fromStoredTime(row.dispatched_at)!,
        delivered: Number(row.total),
        opened: Number(engagement?.opened ?? 0),
        clicked: Number(engagement?.clicked ?? 0),
      }
    })
  }
}

/** Part of whole in percent, to one decimal place; null when there is no whole. */
export function rateOf(part: number, whole: number) {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10
}

export function sumOf(rows: Pick<AlertOpensAndClicks, 'delivered' | 'opened' | 'clicked'>[]) {
  return rows.reduce(
    (sum, row) => ({
      delivered: sum.delivered + row.delivered,
      opened: sum.opened + row.opened,
      clicked: sum.clicked + row.clicked,
    }),
    { delivered: 0, opened: 0, clicked: 0 }
  )
}
