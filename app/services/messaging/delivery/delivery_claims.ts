import db from '@adonisjs/lucid/services/db'
import config from '@adonisjs/core/services/config'
import logger from '@adonisjs/core/services/logger'
import DeliveryJobs from '#services/messaging/delivery/delivery_jobs'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { isPostgres } from '#services/platform/infrastructure/sql_dialect'
import { whereIdIn } from '#services/platform/infrastructure/sql_id_list'
import { withoutContacts } from '#services/platform/infrastructure/contact_redaction'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { ChannelPreference } from '#services/messaging/delivery/delivery_rules'
import {
  consentingOrganisations,
  type AudienceCriteria,
} from '#services/targeting/audience_criteria'

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
  /** Still consenting to the alert's organisation (or a co-signer), as the claim was made. */
  consenting: boolean
  /** The resident's settings for this channel, if they saved any. */
  preference: ChannelPreference | null
}

/** What a claim needs of the alert: its id, and whom the resident must consent to. */
export interface ClaimScope {
  id: number
  organisationId: number
  priority: number
  criteria?: AudienceCriteria
}

/**
 * Claiming deliveries before sending them, and giving them back. A claim is
 * an update guarded by the status (pending → sending, under this worker's
 * token), so two workers never send the same row. Where claimed rows are found
 * again, it is by their ids with the token: the token has no index (migration
 * 0050), which each of a row's writes would otherwise have to update.
 */
export default class DeliveryClaims {
  /**
   * Claims what is still pending of these rows and answers them with their
   * residents and the resident's rules for this channel (their preference and
   * whether they still consent), read as the claim is made. On PostgreSQL
   * that is one statement (the update feeds the select); SQLite, which
   * cannot update inside a `with`, finds the claimed rows again by their ids
   * and the token.
   */
  static async claim(
    claimToken: string,
    alert: ClaimScope,
    channelId: string,
    deliveryIds: number[]
  ) {
    const now = sqlTime()
    const update = whereIdIn(db.from('deliveries'), 'id', deliveryIds)
      .where('alert_id', alert.id)
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

    let rows
    if (isPostgres()) {
      const claimed = update.returning(['id', 'attempts', 'resident_id']).toSQL()
      rows = await this.#withResidents(
        db
          .query()
          .with('claimed', db.raw(claimed.sql, [...claimed.bindings]))
          .from('claimed'),
        'claimed',
        alert,
        channelId
      )
    } else {
      await update
      // By id, then the token: the rows this claim took of those asked for (no index on the token).
      rows = await this.#withResidents(
        db
          .from('deliveries')
          .whereIn('deliveries.id', deliveryIds)
          .where('deliveries.claim_token', claimToken),
        'deliveries',
        alert,
        channelId
      )
    }
    return rows.map((row: Record<string, any>): ClaimedRow => ({
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
      consenting: Boolean(row.consenting),
      preference:
        row.preference_channel === null
          ? null
          : {
              enabled: Boolean(row.preference_enabled),
              quietFrom: row.quiet_from,
              quietTo: row.quiet_to,
              emergencyOverride: Boolean(row.emergency_override),
            },
    }))
  }

  /** The claimed rows (`from`, with id, attempts and resident_id) joined to what sending them needs. */
  static #withResidents(
    query: DatabaseQueryBuilderContract,
    from: string,
    alert: ClaimScope,
    channelId: string
  ) {
    const organisations = consentingOrganisations({
      organisationId: alert.organisationId,
      priority: alert.priority,
      criteria: alert.criteria ?? { areaIds: [] },
    })
    const consented = `exists (select 1 from consents where consents.resident_id = residents.id
      and consents.organisation_id in (${organisations.map(() => '?').join(', ')})
      and consents.withdrawn_at is null) as consenting`
    return query
      .join('residents', 'residents.id', `${from}.resident_id`)
      .leftJoin('channel_preferences', (join) =>
        join
          .on('channel_preferences.resident_id', 'residents.id')
          .andOnVal('channel_preferences.channel', channelId)
      )
      .select(
        `${from}.id`,
        `${from}.attempts`,
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
        'residents.declines_tracking',
        'channel_preferences.channel as preference_channel',
        'channel_preferences.enabled as preference_enabled',
        'channel_preferences.quiet_from',
        'channel_preferences.quiet_to',
        'channel_preferences.emergency_override',
        db.raw(consented, organisations)
      )
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
      whereIdIn(db.from('deliveries'), 'id', deliveryIds)
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
