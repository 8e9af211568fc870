import db from '@adonisjs/lucid/services/db'

/**
 * When each delivery's outcome happened: a sent or confirmed delivery when
 * the provider accepted it (sent_at, written once as it is accepted); a
 * failed one when it failed (updated_at: the failure is the row's last
 * write, and neither a later sweep nor a retry touches a failed row). The
 * ledger needs no column of its own for this, so the send path writes
 * nothing more per delivery.
 */
const OUTCOME_TIME =
  "case when deliveries.status = 'failed' then deliveries.updated_at when deliveries.status in ('sent', 'delivered') then deliveries.sent_at end"

export interface FigureRow {
  channel: string
  status: string
  /** Tried more than once. */
  retried: boolean
  /** The minute its outcome came, in minutes since 1970 (UTC); null while it has none. */
  minute: number | null
  total: number
}

function minuteOf(dialect: string) {
  return dialect === 'postgres'
    ? `date_trunc('minute', ${OUTCOME_TIME})`
    : `cast(strftime('%s', ${OUTCOME_TIME}) as integer) / 60`
}

/**
 * An alert's deliveries counted by channel, status, whether they were
 * retried and the minute of their outcome: everything the delivery report
 * shows is added up from these few thousand rows. It is one read of the
 * alert's ledger rows (found by the (alert_id, status) index) however large
 * the alert: no index of its own, because every index is one more write for
 * each of a send's deliveries, and the send path's cost per row stays as
 * it is. At a million deliveries it is a second or two on PostgreSQL.
 */
export default class DeliveryFigures {
  static async of(alertId: number): Promise<FigureRow[]> {
    const dialect = db.connection().dialect.name
    const rows = await db
      .from('deliveries')
      .where('alert_id', alertId)
      .groupBy('channel', 'status', 'retried', 'minute')
      .select(
        'channel',
        'status',
        db.raw('case when attempts > 1 then 1 else 0 end as retried'),
        db.raw(`${minuteOf(dialect)} as minute`)
      )
      .count('* as total')
    return rows.map((row) => ({
      channel: row.channel,
      status: row.status,
      retried: Number(row.retried) === 1,
      minute:
        row.minute === null
          ? null
          : row.minute instanceof Date
            ? Math.floor(row.minute.getTime() / 60000)
            : Number(row.minute),
      total: Number(row.total),
    }))
  }
}
