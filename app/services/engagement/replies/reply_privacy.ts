import db from '@adonisjs/lucid/services/db'
import type { PrivacyHooks } from '#contracts/privacy'
import { iso } from '#services/residents/privacy/resident_data_export'

/**
 * The resident's replies to alerts and the answers they got, as a section of
 * their data download (one entry a message); erasure deletes their threads.
 * Registered with the privacy registry at boot (start/registries.ts).
 */
export const alertRepliesPrivacy: PrivacyHooks = {
  async export(residentId: number) {
    const rows = await db
      .from('alert_reply_messages')
      .join('alert_replies', 'alert_replies.id', 'alert_reply_messages.reply_id')
      .join('alerts', 'alerts.id', 'alert_replies.alert_id')
      .join('organisations', 'organisations.id', 'alert_replies.organisation_id')
      .where('alert_replies.resident_id', residentId)
      .orderBy('alert_reply_messages.created_at')
      .orderBy('alert_reply_messages.id')
      .select(
        'alerts.title',
        'organisations.name as organisation',
        'alert_reply_messages.author',
        'alert_reply_messages.body',
        'alert_reply_messages.created_at'
      )
    // Staff's names stay out: the answer is the organisation's, as the email said.
    return rows.map((row) => ({
      alert: row.title,
      organisation: row.organisation,
      from: row.author === 'resident' ? 'You' : row.organisation,
      message: row.body,
      sentAt: iso(row.created_at),
    }))
  },

  async erase({ residentId }) {
    // The messages go with their threads (ON DELETE CASCADE); deleted first so SQLite needs no foreign keys.
    const threads = db.from('alert_replies').where('resident_id', residentId).select('id')
    await db.from('alert_reply_messages').whereIn('reply_id', threads).delete()
    await db.from('alert_replies').where('resident_id', residentId).delete()
  },
}
