import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

// Long past any resident's browser session (it ends with the browser) and any contact-change link (7 days).
const KEEP_DAYS = 30

/**
 * Deletes the records of resident sign-ins and contact changes once they
 * can no longer matter: an ended session, one older than any browser keeps
 * open, and a contact change long since confirmed, replaced or expired
 * (it names an address the resident may have given up).
 */
export default class SessionRecordPurge {
  static async purge(now = DateTime.now()) {
    const old = sqlTime(now.minus({ days: KEEP_DAYS }))
    const sessions = await db
      .from('resident_sessions')
      .where((query) =>
        query
          .where('ended_at', '<', sqlTime(now.minus({ days: 1 })))
          .orWhere('created_at', '<', old)
      )
      .delete()
    const changes = await db.from('contact_changes').where('created_at', '<', old).delete()
    return { sessions: Number(sessions), changes: Number(changes) }
  }
}
