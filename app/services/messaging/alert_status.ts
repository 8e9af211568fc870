import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { AlertStatus } from '#models/messaging/alert'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export interface StatusChange {
  /** The statuses the alert may be in for the change to happen. */
  from: AlertStatus | AlertStatus[]
  to: AlertStatus
  /** Other columns written with the status (times, reasons, who). */
  set?: Record<string, unknown>
  /** Only once the dispatcher has written every delivery (closing a send). */
  dispatched?: boolean
  client?: QueryClientContract
}

/**
 * The one way an alert's status changes: a single `update … where status =
 * expected`, so that two requests or workers racing each other cannot both
 * move it (a double click, two approvers, a pause racing the last delivery).
 * Each caller learns whether it won; the loser tells staff what happened.
 */
export default class AlertStatusGuard {
  /** True when this call moved the alert; false when it was no longer in `from`. */
  static async change(alertId: number, change: StatusChange) {
    const from = Array.isArray(change.from) ? change.from : [change.from]
    const updated = await (change.client ?? db.connection())
      .from('alerts')
      .where('id', alertId)
      .whereIn('status', from)
      .if(change.dispatched, (query) => query.whereNotNull('dispatched_at'))
      .update({ ...change.set, status: change.to, updated_at: sqlTime() })
    return Number(updated) > 0
  }

  /**
   * Writes other columns only while the alert is still in one of these
   * statuses (an edit saved after a send started is refused, not applied).
   */
  static async updateWhile(
    alertId: number,
    statuses: AlertStatus[],
    set: Record<string, unknown>,
    client: QueryClientContract = db.connection()
  ) {
    if ('status' in set) throw new Error('Change an alert’s status with AlertStatusGuard.change')
    const updated = await client
      .from('alerts')
      .where('id', alertId)
      .whereIn('status', statuses)
      .update({ ...set, updated_at: sqlTime() })
    return Number(updated) > 0
  }
}
