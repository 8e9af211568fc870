import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import ReportFiles from '#services/engagement/reports/report_files'

/**
 * Deletes residents' threads with no message for REPLY_RETENTION_DAYS
 * (config beacon.replies.retentionDays): replies are personal data, kept only
 * while the conversation may still matter. Run by the daily housekeeping.
 */
export default class ReplyRetentionPurge {
  static async purge(
    now = DateTime.now(),
    days = config.get<number>('beacon.replies.retentionDays')
  ) {
    const cutoff = sqlTime(now.minus({ days }))
    const old = db.from('alert_replies').where('last_message_at', '<', cutoff).select('id')
    // A report's attachments: files first, then their rows.
    await ReportFiles.removeForThreads(old)
    await db.from('alert_reply_messages').whereIn('reply_id', old).delete()
    const threads = await db.from('alert_replies').where('last_message_at', '<', cutoff).delete()
    return Number(threads)
  }
}
