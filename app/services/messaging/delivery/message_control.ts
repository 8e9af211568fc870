import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import AlertStatus from '#services/messaging/alert_status'
import DeliveryJobs from '#services/messaging/delivery/delivery_jobs'
import { pauseAlert } from '#services/messaging/delivery/alert_pause'
import { sqlTime } from '#services/platform/sql_time'

/**
 * Staff control of a running send: pause, resume and cancel. Resuming
 * starts again from the ledger (every row still pending), never from a
 * cursor, so nothing is sent twice and nothing is left out.
 */
export default class MessageControl {
  static async pause(messageId: number, reason: string | null = null) {
    return pauseAlert(messageId, reason)
  }

  static async resume(messageId: number) {
    const resumed = await AlertStatus.change(messageId, {
      from: 'paused',
      to: 'sending',
      set: { paused_at: null, status_reason: null },
    })
    if (!resumed) return false

    const message = await db.from('messages').where('id', messageId).first()
    await emitter.emit('alert:resumed', {
      alertId: messageId,
      organisationId: Number(message.organisation_id),
    })
    if (!message.dispatched_at) {
      await DeliveryJobs.dispatch(messageId)
      return true
    }
    await DeliveryJobs.sendPending(messageId)
    return true
  }

  static async cancel(messageId: number) {
    const cancelled = await db.transaction(async (trx) => {
      const changed = await AlertStatus.change(messageId, {
        from: ['sending', 'paused'],
        to: 'cancelled',
        set: { cancelled_at: sqlTime() },
        client: trx,
      })
      if (!changed) return false
      await trx
        .from('deliveries')
        .where('message_id', messageId)
        .where('status', 'pending')
        .update({
          status: 'cancelled',
          error: 'Cancelled by staff before it was sent',
          updated_at: sqlTime(),
        })
      return true
    })
    if (!cancelled) return false
    const row = await db.from('messages').where('id', messageId).select('organisation_id').first()
    await emitter.emit('alert:cancelled', {
      alertId: messageId,
      organisationId: Number(row.organisation_id),
    })
    return true
  }
}
