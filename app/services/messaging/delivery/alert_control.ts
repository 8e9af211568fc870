import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import AlertStatusGuard from '#services/messaging/alert_status'
import DeliveryJobs from '#services/messaging/delivery/delivery_jobs'
import { pauseAlert } from '#services/messaging/delivery/alert_pause'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * Staff control of a running send: pause, resume and cancel. Resuming
 * starts again from the ledger (every row still pending), never from a
 * cursor, so nothing is sent twice and nothing is left out.
 */
export default class AlertControl {
  static async pause(alertId: number, reason: string | null = null) {
    return pauseAlert(alertId, reason)
  }

  static async resume(alertId: number) {
    const resumed = await AlertStatusGuard.change(alertId, {
      from: 'paused',
      to: 'sending',
      set: { paused_at: null, status_reason: null },
    })
    if (!resumed) return false

    const alert = await db.from('alerts').where('id', alertId).first()
    await emitter.emit('alert:resumed', {
      alertId: alertId,
      organisationId: Number(alert.organisation_id),
    })
    if (!alert.dispatched_at) {
      await DeliveryJobs.dispatch(alertId)
      return true
    }
    await DeliveryJobs.sendPending(alertId)
    return true
  }

  static async cancel(alertId: number) {
    const cancelled = await db.transaction(async (trx) => {
      const changed = await AlertStatusGuard.change(alertId, {
        from: ['sending', 'paused'],
        to: 'cancelled',
        set: { cancelled_at: sqlTime() },
        client: trx,
      })
      if (!changed) return false
      await trx.from('deliveries').where('alert_id', alertId).where('status', 'pending').update({
        status: 'cancelled',
        error: 'Cancelled by staff before it was sent',
        updated_at: sqlTime(),
      })
      return true
    })
    if (!cancelled) return false
    const row = await db.from('alerts').where('id', alertId).select('organisation_id').first()
    await emitter.emit('alert:cancelled', {
      alertId: alertId,
      organisationId: Number(row.organisation_id),
    })
    return true
  }
}
