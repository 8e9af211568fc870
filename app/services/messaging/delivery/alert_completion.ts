import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import AlertStatusGuard from '#services/messaging/alert_status'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * Closes an alert once it is fully dispatched and no delivery is still in
 * flight, and raises `alert:completed`. The guarded status change makes
 * concurrent callers safe: only one of them closes it and raises the event.
 */
export default class AlertCompletion {
  static async closeIfFinished(alertId: number) {
    // Every send job asks this: finding one open row is cheap, counting them all is not.
    const open = await db
      .from('deliveries')
      .where('alert_id', alertId)
      .whereIn('status', ['pending', 'sending'])
      .select('id')
      .first()
    if (open) return false

    const closed = await AlertStatusGuard.change(alertId, {
      from: 'sending',
      to: 'sent',
      set: { completed_at: sqlTime() },
      dispatched: true,
    })
    if (!closed) return false
    const row = await db.from('alerts').where('id', alertId).select('organisation_id').first()
    await emitter.emit('alert:completed', {
      alertId: alertId,
      organisationId: Number(row.organisation_id),
    })
    return true
  }
}
