import db from '@adonisjs/lucid/services/db'
import type { PrivacyHooks } from '#contracts/privacy'
import { iso } from '#services/residents/privacy/resident_data_export'
import ReportFiles from '#services/engagement/reports/report_files'

/**
 * The resident's reports ("Tell us something") in their data download, one
 * entry a report with its messages and the names of its attachments; erasure
 * deletes the attachments' files and rows, then the report threads. Registered
 * before the replies' section (start/registries.ts), which deletes every
 * thread of the resident's, reports too.
 */
export const reportsPrivacy: PrivacyHooks = {
  async export(residentId: number) {
    const threads = await db
      .from('alert_replies')
      .join('organisations', 'organisations.id', 'alert_replies.organisation_id')
      .leftJoin('alerts', 'alerts.id', 'alert_replies.about_alert_id')
      .where('alert_replies.resident_id', residentId)
      .where('alert_replies.kind', 'report')
      .orderBy('alert_replies.created_at')
      .orderBy('alert_replies.id')
      .select(
        'alert_replies.id',
        'alert_replies.place',
        'alert_replies.happened_at',
        'alert_replies.contact_phone',
        'alert_replies.created_at',
        'organisations.name as organisation',
        'alerts.title as alert'
      )
    if (threads.length === 0) return []
    const ids = threads.map((thread) => thread.id)
    const messages = await db
      .from('alert_reply_messages')
      .whereIn('reply_id', ids)
      .orderBy('created_at')
      .orderBy('id')
      .select('reply_id', 'author', 'body')
    const files = await db
      .from('report_attachments')
      .whereIn('reply_id', ids)
      .orderBy('id')
      .select('reply_id', 'original_name', 'size')
    return threads.map((thread) => ({
      organisation: thread.organisation,
      aboutAlert: thread.alert ?? null,
      where: thread.place ?? null,
      when: thread.happened_at ?? null,
      phone: thread.contact_phone ?? null,
      sentAt: iso(thread.created_at),
      messages: messages
        .filter((message) => message.reply_id === thread.id)
        .map(
          (message) =>
            `${message.author === 'resident' ? 'You' : thread.organisation}: ${message.body}`
        )
        .join('\n\n'),
      attachments: files
        .filter((file) => file.reply_id === thread.id)
        .map((file) => `${file.original_name} (${Math.ceil(Number(file.size) / 1024)} KB)`)
        .join('; '),
    }))
  },

  async erase({ residentId }) {
    const threads = db.from('alert_replies').where('resident_id', residentId).select('id')
    await ReportFiles.removeForThreads(threads)
    await db
      .from('alert_reply_messages')
      .whereIn(
        'reply_id',
        db
          .from('alert_replies')
          .where('resident_id', residentId)
          .where('kind', 'report')
          .select('id')
      )
      .delete()
    await db.from('alert_replies').where('resident_id', residentId).where('kind', 'report').delete()
  },
}
