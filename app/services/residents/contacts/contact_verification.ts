import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import emitter from '@adonisjs/core/services/emitter'
import SubscriptionConfirmation from '#services/residents/registration/subscription_confirmation'
import encryption from '@adonisjs/core/services/encryption'
import env from '#start/env'
import type Resident from '#models/residents/resident'
import type { VerifiableContactKind } from '#contracts/verification'
import verificationDeliverers from '#services/platform/plugins/verification_deliverers'
import SiteSettings from '#services/platform/site/site_settings'
import { hashSecret } from '#services/platform/infrastructure/secret_hash'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'

export const CODE_VALID_MINUTES = 10
export const CODE_TRIES = 5
// Codes sent to one resident for one kind within the last hour: enough for a typo and a retry.
export const CODES_PER_HOUR = 3
// Codes sent to one number within the last hour, whoever asked: one number cannot be flooded from many accounts.
export const CODES_PER_NUMBER_PER_HOUR = 5

/** Where the number lives on the resident's record, and its "proved" mark. */
export const VERIFIED_COLUMNS: Record<VerifiableContactKind, { number: string; verified: string }> =
  {
    mobile: { number: 'phone', verified: 'phone_verified_at' },
    landline: { number: 'landline', verified: 'landline_verified_at' },
  }

export type SendResult =
  | { state: 'sent'; verificationId: number }
  /** Too many codes lately: the resident waits (the page says how long, in words). */
  | { state: 'rate_limited' }
  /** Too many codes to this number lately, from any account: words that say nothing of who holds it. */
  | { state: 'number_rate_limited' }
  /** No enabled plugin delivers codes for this kind. */
  | { state: 'unavailable' }
  /** The provider did not take it: try again later. */
  | { state: 'not_sent' }

export type CheckResult =
  /** activated: a pending resident without email now gets alerts. */
  | { state: 'verified'; number: string; activated: boolean }
  | { state: 'wrong'; triesLeft: number }
  /** Expired, used up, or never sent: a new code is needed. */
  | { state: 'expired' }
  | { state: 'no_tries_left' }

function codeHash(verificationId: number, code: string) {
  // Salted by the row, so equal codes do not hash alike.
  return hashSecret(`${verificationId}:${code}`)
}

/** Keyed with APP_KEY: a table of hashed numbers cannot be read back by trying every number. */
function numberHash(number: string) {
  return createHmac('sha256', env.get('APP_KEY').release())
    .update(`verify\n${number}`)
    .digest('hex')
}

function sameHash(a: string, b: string) {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/**
 * Proving a phone number: a 6-digit code goes to the number (through the
 * plugin that delivers codes for its kind, #contracts/verification) and
 * the resident, or the officer beside them on the doorstep, types it back.
 * A code works for 10 minutes and 5 tries; a resident gets at most 3 an
 * hour, and a number at most 5 an hour whoever asks. Only once it is typed back does the number go on the resident's
 * record as verified: until then a number receives no alerts
 * (contact_reach.ts). What the resident is told never depends on whether
 * another resident holds the number.
 */
export default class ContactVerification {
  static async send(
    resident: Resident,
    kind: VerifiableContactKind,
    number: string
  ): Promise<SendResult> {
    const deliverer = verificationDeliverers.for(kind)
    if (!deliverer) return { state: 'unavailable' }

    const hourAgo = sqlTime(DateTime.now().minus({ hours: 1 }).toJSDate())
    const recent = await db
      .from('contact_verifications')
      .where('resident_id', resident.id)
      .where('kind', kind)
      .where('created_at', '>', hourAgo)
      .count('* as total')
      .first()
    if (Number(recent?.total ?? 0) >= CODES_PER_HOUR) return { state: 'rate_limited' }
    const hash = numberHash(number)
    const toNumber = await db
      .from('contact_verifications')
      .where('number_hash', hash)
      .where('created_at', '>', hourAgo)
      .count('* as total')
      .first()
    if (Number(toNumber?.total ?? 0) >= CODES_PER_NUMBER_PER_HOUR) {
      return { state: 'number_rate_limited' }
    }

    // A new code ends the earlier ones: only the latest works.
    await this.#closeOpen(resident.id, kind)
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    const now = DateTime.now()
    const [inserted] = await db
      .table('contact_verifications')
      .insert({
        resident_id: resident.id,
        kind,
        value: encryption.encrypt(number),
        number_hash: hash,
        code_hash: 'pending',
        attempts: 0,
        created_at: sqlTime(now.toJSDate()),
        expires_at: sqlTime(now.plus({ minutes: CODE_VALID_MINUTES }).toJSDate()),
      })
      .returning('id')
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted)
    await db
      .from('contact_verifications')
      .where('id', id)
      .update({ code_hash: codeHash(id, code) })

    const { serviceName } = await SiteSettings.current()
    try {
      const answer = await deliverer.deliver({
        kind,
        number,
        code,
        validMinutes: CODE_VALID_MINUTES,
        language: resident.language,
        serviceName,
      })
      if (answer.delivered) return { state: 'sent', verificationId: id }
      logger.warn(
        { residentId: resident.id, kind, reason: answer.reason },
        'verification code not delivered'
      )
    } catch (error) {
      logger.warn(
        { err: error, residentId: resident.id, kind },
        'verification code deliverer threw'
      )
    }
    await this.#closeOpen(resident.id, kind)
    return { state: 'not_sent' }
  }

  /** The number waiting for its code, in E.164, or null when no code is open. */
  static async pendingNumber(residentId: number, kind: VerifiableContactKind) {
    const open = await this.#open(residentId, kind)
    return open ? (encryption.decrypt<string>(open.value) ?? null) : null
  }

  /**
   * The answer to a code typed where none was sent (a doorstep sign-up of a household
   * already signed up): wrong, with tries running out and the time expiring as for a
   * real code, so that the answers do not tell whether the household exists.
   */
  static checkWithoutCode(state: { sentAt: number; attempts: number }): CheckResult {
    if (Date.now() - state.sentAt > CODE_VALID_MINUTES * 60_000) return { state: 'expired' }
    const triesLeft = CODE_TRIES - state.attempts - 1
    return triesLeft > 0 ? { state: 'wrong', triesLeft } : { state: 'no_tries_left' }
  }

  static async check(
    resident: Resident,
    kind: VerifiableContactKind,
    code: string
  ): Promise<CheckResult> {
    const open = await this.#open(resident.id, kind)
    if (!open) return { state: 'expired' }
    if (Number(open.attempts) >= CODE_TRIES) return { state: 'no_tries_left' }
    // Counted before comparing, with a guard, so that parallel guesses cannot exceed the tries.
    const counted = await db
      .from('contact_verifications')
      .where('id', open.id)
      .where('attempts', '<', CODE_TRIES)
      .whereNull('closed_at')
      .increment('attempts', 1)
    if (Number(Array.isArray(counted) ? counted[0] : counted) === 0)
      return { state: 'no_tries_left' }

    const typed = code.replace(/\s+/g, '')
    if (!/^\d{6}$/.test(typed) || !sameHash(codeHash(Number(open.id), typed), open.code_hash)) {
      const triesLeft = CODE_TRIES - Number(open.attempts) - 1
      return triesLeft > 0 ? { state: 'wrong', triesLeft } : { state: 'no_tries_left' }
    }

    const number = encryption.decrypt<string>(open.value)!
    const columns = VERIFIED_COLUMNS[kind]
    const now = sqlTime()
    const activated = await db.transaction(async (trx) => {
      await trx
        .from('contact_verifications')
        .where('id', open.id)
        .update({ verified_at: now, closed_at: now })
      await trx
        .from('residents')
        .where('id', resident.id)
        .update({ [columns.number]: number, [columns.verified]: now })
      // A household signed up on the doorstep without email confirms by its number.
      const row = await trx.from('residents').where('id', resident.id).first()
      if (row.status !== 'pending' || row.email !== null) return false
      await SubscriptionConfirmation.activate(trx, resident.id, DateTime.now(), {
        emailVerified: false,
      })
      return true
    })
    if (activated) await emitter.emit('resident:confirmed', { residentId: resident.id })
    return { state: 'verified', number, activated }
  }

  static async #open(residentId: number, kind: VerifiableContactKind) {
    return db
      .from('contact_verifications')
      .where('resident_id', residentId)
      .where('kind', kind)
      .whereNull('closed_at')
      .where('expires_at', '>', sqlTime())
      .orderBy('id', 'desc')
      .first()
  }

  static async #closeOpen(residentId: number, kind: VerifiableContactKind) {
    await db
      .from('contact_verifications')
      .where('resident_id', residentId)
      .where('kind', kind)
      .whereNull('closed_at')
      .update({ closed_at: sqlTime() })
  }

  /** When the open code for the kind expires, or null. */
  static async expiresAt(residentId: number, kind: VerifiableContactKind) {
    const open = await this.#open(residentId, kind)
    return open ? fromStoredTime(open.expires_at) : null
  }
}
