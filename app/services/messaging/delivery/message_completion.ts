import db from '@adonisjs/lucid/services/db'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * Closes a message once it is fully dispatched and no delivery is still in
 * flight. The conditional update makes concurrent callers safe.
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

    const updated = await db
      .from('messages')
      .where('id', messageId)
      .where('status', 'sending')
      .whereNotNull('dispatched_at')
      .update({ status: 'sent', completed_at: sqlTime(), updated_at: sqlTime() })
    return Number(updated) > 0
  }
}
