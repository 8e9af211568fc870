import db from '@adonisjs/lucid/services/db'
import config from '@adonisjs/core/services/config'
import logger from '@adonisjs/core/services/logger'
import DeliveryJobs from '#services/messaging/delivery/delivery_jobs'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { withoutContacts } from '#services/platform/infrastructure/contact_redaction'

/** A delivery this worker claimed, with what sending it needs to know of its resident. */
export interface ClaimedRow {
  id: number
  attempts: number
  residentId: number
  name: string
  email: string | null
  phone: string | null
  landline: string | null
  language: string
  status: string
  priorityThreshold: number
  /** "Don't track whether I open alerts". */
  declinesTracking: boolean
}

/**
 * Claiming deliveries before sending them, and giving them back. A claim is
 * an update guarded by the status (pending → sending, under this worker's
 * token), so two workers never send the same row. Claimed rows are found
 * again by their ids with the token: the token has no index (migration 0050),
 * which each of a row's writes would otherwise have to update.
 */
export default class DeliveryClaims {
  static async claim(
    claimToken: string,
    alertId: number,
    channelId: string,
    deliveryIds: number[]
  ) {
    const now = sqlTime()
    await db
      .from('deliveries')
      .whereIn('id', deliveryIds)
      .where('alert_id', alertId)
      .where('channel', channelId)
      .where('status', 'pending')
      .where((query) => query.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', now))
      .update({
        status: 'sending',
        claim_token: claimToken,
        claimed_at: now,
        attempts: db.raw('attempts + 1'),
        updated_at: now,
      })

    // By id, then the token: the rows this claim took of those asked for (no index on the token).
    const rows = await db
      .from('deliveries')
      .join('residents', 'residents.id', 'deliveries.resident_id')
      .whereIn('deliveries.id', deliveryIds)
      .where('deliveries.claim_token', claimToken)
      .select(
        'deliveries.id',
        'deliveries.attempts',
        'residents.id as resident_id',
        'residents.name',
        'residents.email',
        'residents.email_bounced_at',
        'residents.phone',
        'residents.phone_verified_at',
        'residents.phone_invalid_at',
        'residents.landline',
        'residents.landline_verified_at',
        'residents.landline_invalid_at',
        'residents.language',
        'residents.status',
        'residents.priority_threshold',
        'residents.declines_tracking'
      )
    return rows.map((row): ClaimedRow => ({
      id: Number(row.id),
      attempts: Number(row.attempts),
      residentId: Number(row.resident_id),
      name: row.name,
      email: row.email_bounced_at ? null : row.email,
      phone: row.phone_verified_at && !row.phone_invalid_at ? row.phone : null,
      landline: row.landline_verified_at && !row.landline_invalid_at ? row.landline : null,
      language: row.language,
      status: row.status,
      priorityThreshold: Number(row.priority_threshold),
      declinesTracking: Boolean(row.declines_tracking),
    }))
  }

  /**
   * Keeps a claim fresh while its job works on it: a job waiting for the rate
   * budget or a slow mail server may hold its rows longer than the sweeper's
   * DELIVERY_STALE_CLAIM_SECONDS, and the sweeper must take back only the rows
   * of a worker that died, never those of one still sending them. Returns the
   * function that stops it.
   */
  static keepFresh(claimToken: string, deliveryIds: number[]) {
    const everyMs = (config.get<number>('beacon.delivery.staleClaimSeconds') * 1000) / 3
    const timer = setInterval(() => {
      db.from('deliveries')
        .whereIn('id', deliveryIds)
        .where('claim_token', claimToken)
        .where('status', 'sending')
        .update({ claimed_at: sqlTime() })
        .catch((error: Error) => logger.warn({ err: error }, 'claim not refreshed'))
    }, everyMs)
    return () => clearInterval(timer)
  }

  /** After an unexpected failure nothing may stay claimed: the rows go back to pending, tried again in 30 s. */
  static async release(
    claimToken: string,
    deliveryIds: number[],
    alertId: number,
    channelId: string,
    error: Error
  ) {
    const at = new Date(Date.now() + 30_000)
    const ids = await db
      .from('deliveries')
      .whereIn('id', deliveryIds)
      .where('claim_token', claimToken)
      .where('status', 'sending')
      .select('id')
    if (ids.length === 0) return
    await db
      .from('deliveries')
      .whereIn(
        'id',
        ids.map((row) => row.id)
      )
      .update({
        status: 'pending',
        claim_token: null,
        next_attempt_at: sqlTime(at),
        error: withoutContacts(error.message).slice(0, 480),
      })
    await DeliveryJobs.sendLater(
      alertId,
      channelId,
      ids.map((row) => Number(row.id)),
      at
    )
  }
}
