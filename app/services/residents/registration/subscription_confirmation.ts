import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import Resident from '#models/residents/resident'
import ResidentToken from '#models/residents/resident_token'
import ResidentTokens from '#services/residents/registration/resident_tokens'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export type ConfirmationResult =
  'confirmed' | 'confirmed_choose_organisations' | 'already_confirmed' | 'expired' | 'invalid'

/**
 * The second half of double opt-in: the emailed link activates the resident
 * and grants consent to exactly the organisations they ticked at sign-up (or,
 * on the doorstep, the officer's organisation), kept until now in
 * requested_consents.
 *
 * A sign-up made before residents chose (kept by the upgrade without a choice
 * on an install with several organisations) asked for none: it is confirmed,
 * granted none, and the resident is asked to choose in their account.
 */
export default class SubscriptionConfirmation {
  static async inspect(secret: string): Promise<ConfirmationResult | 'ready'> {
    const check = await ResidentTokens.check(secret, 'confirm_email')
    if (check.state === 'unknown') return 'invalid'
    if (check.state === 'used') return 'already_confirmed'
    if (check.state === 'expired') return 'expired'
    return 'ready'
  }

  static async confirm(secret: string): Promise<ConfirmationResult> {
    const check = await ResidentTokens.check(secret, 'confirm_email')
    if (check.state === 'unknown') return 'invalid'
    if (check.state === 'used') return 'already_confirmed'
    if (check.state === 'expired') return 'expired'

    const result = await db.transaction(async (trx): Promise<ConfirmationResult> => {
      const now = DateTime.now()
      // Guarded by used_at, so a double click confirms once.
      const claimed = await ResidentToken.query({ client: trx })
        .where('id', check.token.id)
        .whereNull('used_at')
        .update({ used_at: sqlTime(now) })
      if (Number(Array.isArray(claimed) ? claimed[0] : claimed) === 0) return 'already_confirmed'

      return this.activate(trx, check.token.residentId, now, { emailVerified: true })
    })
    // Once committed: a listener reads the resident as confirmed.
    if (result !== 'already_confirmed') {
      await emitter.emit('resident:confirmed', { residentId: check.token.residentId })
    }
    return result
  }

  /**
   * Makes a pending resident active and grants the consents they asked for:
   * by the emailed link, or by a verified phone number for a household
   * signed up on the doorstep without email. The caller raises
   * `resident:confirmed` once its transaction is committed.
   */
  static async activate(
    trx: TransactionClientContract,
    residentId: number,
    now: DateTime,
    options: { emailVerified: boolean }
  ): Promise<ConfirmationResult> {
    const resident = await Resident.findOrFail(residentId, { client: trx })
    resident.useTransaction(trx)
    resident.status = 'active'
    resident.confirmedAt = now
    if (options.emailVerified) resident.emailVerifiedAt = now
    resident.unsubscribedAt = null
    await resident.save()

    const requested = await trx
      .from('requested_consents')
      .where('resident_id', resident.id)
      .select('organisation_id')
    for (const { organisation_id: organisationId } of requested) {
      await trx
        .table('consents')
        .insert({
          resident_id: resident.id,
          organisation_id: organisationId,
          granted_at: sqlTime(now),
        })
        .onConflict(['resident_id', 'organisation_id'])
        .merge({ withdrawn_at: null })
    }
    await trx.from('requested_consents').where('resident_id', resident.id).delete()
    if (requested.length > 0) return 'confirmed'
    const organisation = await trx.from('organisations').whereNull('suspended_at').first()
    return organisation ? 'confirmed_choose_organisations' : 'confirmed'
  }
}
