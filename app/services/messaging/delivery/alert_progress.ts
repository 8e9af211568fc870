import db from '@adonisjs/lucid/services/db'

export const DELIVERY_STATUSES = [
  'pending',
  'sending',
  'sent',
  'delivered',
  'failed',
  'skipped',
  'cancelled',
] as const
type Status = (typeof DELIVERY_STATUSES)[number]

export type ProgressCounts = Record<Status, number> & { total: number }

export interface AlertProgressReport extends ProgressCounts {
  byChannel: Record<string, ProgressCounts>
}

function emptyCounts(): ProgressCounts {
  return {
    total: 0,
    pending: 0,
    sending: 0,
    sent: 0,
    delivered: 0,
    failed: 0,
    skipped: 0,
    cancelled: 0,
  }
}

/**
 * Counts an alert's deliveries by channel and status, read from the ledger.
 * A delivered delivery was sent and more (a provider confirmed it arrived):
 * it counts under `sent` and again under `delivered`, so that pending,
 * sending, sent, failed, skipped and cancelled still add up to the total.
 */
export default class AlertProgress {
  static async of(alertId: number): Promise<AlertProgressReport> {
    const rows = await db
      .from('deliveries')
      .where('alert_id', alertId)
      .groupBy('channel', 'status')
      .select('channel', 'status')
      .count('* as total')

    const report: AlertProgressReport = { ...emptyCounts(), byChannel: {} }
    for (const row of rows) {
      const value = Number(row.total)
      const channel = (report.byChannel[row.channel] ??= emptyCounts())
      channel.total += value
      report.total += value
      if (row.status in channel) {
        channel[row.status as Status] += value
        report[row.status as Status] += value
      }
      if (row.status === 'delivered') {
        channel.sent += value
        report.sent += value
      }
    }
    return report
  }

  /** The most recent failures, with their reasons, for the alert page. */
  static async failures(alertId: number, limit = 20) {
    return db
      .from('deliveries')
      .leftJoin('residents', 'residents.id', 'deliveries.resident_id')
      .where('deliveries.alert_id', alertId)
      .where('deliveries.status', 'failed')
      .orderBy('deliveries.updated_at', 'desc')
      .limit(limit)
      .select(
        'deliveries.channel',
        'deliveries.error',
        'deliveries.attempts',
        'residents.email',
        'residents.name'
      )
  }
}
