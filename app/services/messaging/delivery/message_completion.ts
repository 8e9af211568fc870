import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import AlertStatus from '#services/messaging/alert_status'
import { sqlTime } from '#services/platform/sql_time'

/**
 * Closes a message once it is fully dispatched and no delivery is still in
 * flight, and raises `alert:completed`. The guarded status change makes
 * concurrent callers safe: only one of them closes it and raises the event.
 */
export default class MessageCompletion {
  static async closeIfFinished(messageId: number) {
    // Every send job asks this: finding one open row is cheap, counting them all is not.
    const open = await db
      .from('deliveries')
      .where('message_id', messageId)
      .whereIn('status', ['pending', 'sending'])
      .select('id')
      .first()
    if (open) return false

    const closed = await AlertStatus.change(messageId, {
      from: 'sending',
      to: 'sent',
      set: { completed_at: sqlTime() },
      dispatched: true,
    })
    if (!closed) return false
    const row = await db.from('messages').where('id', messageId).select('organisation_id').first()
    await emitter.emit('alert:completed', {
      alertId: messageId,
      organisationId: Number(row.organisation_id),
    })
    return true
  }
}
