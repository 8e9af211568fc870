import db from '@adonisjs/lucid/services/db'
import AudienceQuery, { type AudienceScope } from '#services/targeting/audience_query'
import { contactFor } from '#services/residents/contacts/working_contacts'
import type { RawCondition } from '#services/targeting/drawn_shape_sql'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { isPostgres } from '#services/platform/infrastructure/sql_dialect'
import type { Channel } from '#contracts/channel'

/** A range of resident ids: after `after`, up to and including `upTo`. */
export interface ResidentRange {
  after: number
  upTo: number
}

/**
 * Residents whose own settings for the channel need DeliveryRules in JavaScript: the channel
 * switched off, or quiet hours (which decide when, not whether). Everyone else in the audience
 * with a working contact gets a delivery that may go now.
 */
export function particularPreference(channelId: string, range: ResidentRange): RawCondition {
  return {
    sql:
      'EXISTS (SELECT 1 FROM channel_preferences WHERE channel_preferences.resident_id = residents.id ' +
      'AND channel_preferences.resident_id > ? AND channel_preferences.resident_id <= ? ' +
      'AND channel_preferences.channel = ? AND (channel_preferences.enabled = ? OR ' +
      '(channel_preferences.quiet_from IS NOT NULL AND channel_preferences.quiet_to IS NOT NULL)))',
    bindings: [range.after, range.upTo, channelId, false],
  }
}

/**
 * Writes an alert's deliveries in one statement per range of the register (INSERT … SELECT
 * from the audience query), so that no resident's row passes through the process: at 1M
 * residents the dispatch is the database's own insert rate, not a round trip per 400 rows.
 * The unique key on (alert, resident, channel) makes it idempotent: a second dispatch, or
 * one resumed after a crash, inserts nothing twice.
 */
export default class AlertDeliveryWriter {
  /**
   * Pending deliveries on `channel` for the audience in `range`, except residents with a
   * particular preference (see particularPreference). Answers the ids of the rows it created
   * (not those that were already there), in resident order.
   */
  static async writePlain(
    alertId: number,
    scope: AudienceScope,
    channel: Channel,
    range: ResidentRange
  ): Promise<number[]> {
    const contact = contactFor(channel.id) ?? { sql: '1 = 1', bindings: [] }
    const particular = particularPreference(channel.id, range)
    const now = sqlTime()
    // PostgreSQL infers no type for a bare parameter in a SELECT list; SQLite must keep the text.
    const typed = (type: string) => (isPostgres() ? `CAST(? AS ${type})` : '?')
    const audience = AudienceQuery.build(scope, range)
      .whereRaw(contact.sql, contact.bindings)
      .whereRaw(`NOT ${particular.sql}`, particular.bindings)
      .orderBy('residents.id')
      .select(
        db.raw(
          `${typed('integer')}, residents.id, ${typed('varchar')}, 'pending', 0, ` +
            `${typed('timestamptz')}, ${typed('timestamptz')}`,
          [alertId, channel.id, now, now]
        )
      )
      .toSQL()
    const result = await db.rawQuery(
      'INSERT INTO deliveries (alert_id, resident_id, channel, status, attempts, created_at, updated_at) ' +
        `${audience.sql} ON CONFLICT (alert_id, resident_id, channel) DO NOTHING RETURNING id`,
      audience.bindings as any[]
    )
    const rows: { id: number | string }[] = isPostgres() ? result.rows : result
    return rows.map((row) => Number(row.id))
  }

  /**
   * The rows still pending on `channel` for residents in `range`, with when each may go: what
   * a resumed dispatch must enqueue again, since it cannot know which jobs were lost.
   */
  static async pendingInRange(alertId: number, channelId: string, range: ResidentRange) {
    const rows = await db
      .from('deliveries')
      .where('alert_id', alertId)
      .where('channel', channelId)
      .where('status', 'pending')
      .where('resident_id', '>', range.after)
      .where('resident_id', '<=', range.upTo)
      .orderBy('id')
      .select('id', 'resident_id', 'next_attempt_at')
    return rows.map((row) => ({
      id: Number(row.id),
      residentId: Number(row.resident_id),
      notBefore: row.next_attempt_at ? new Date(row.next_attempt_at) : null,
    }))
  }
}
