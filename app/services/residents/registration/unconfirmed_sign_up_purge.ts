import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

const BATCH_SIZE = 500

/**
 * Deletes sign-ups never confirmed: an address someone typed but never
 * proved is theirs is not kept. Everything that hangs off those rows goes
 * with them (the foreign keys cascade).
 */
export default class UnconfirmedSignUpPurge {
  /** Returns how many sign-ups were deleted. */
  static async purge(olderThanDays: number) {
    const cutoff = sqlTime(DateTime.now().minus({ days: olderThanDays }))
    let deleted = 0
    while (true) {
      const batch = await db
        .from('residents')
        .where('status', 'pending')
        .where('created_at', '<', cutoff)
        .orderBy('id')
        .limit(BATCH_SIZE)
        .select('id')
      if (batch.length === 0) break
      // The status is checked again: someone may have confirmed since the batch was read.
      const count = await db
        .from('residents')
        .whereIn(
          'id',
          batch.map((row) => row.id)
        )
        .where('status', 'pending')
        .delete()
      deleted += Number(Array.isArray(count) ? count[0] : count)
      if (batch.length < BATCH_SIZE) break
    }
    return deleted
  }
}
