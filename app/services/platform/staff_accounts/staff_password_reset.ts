import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import StaffPasswordReset, { type PasswordLinkPurpose } from '#models/platform/staff_password_reset'
import User from '#models/platform/user'
import StaffSessions from '#services/platform/staff_accounts/staff_sessions'
import StaffSignInLimits from '#services/platform/staff_accounts/staff_sign_in_limits'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export const RESET_LIFETIME_MINUTES = 60
/** A new install's first admin may read the printed link the next morning. */
export const FIRST_PASSWORD_LIFETIME_MINUTES = 24 * 60

export const LINK_LIFETIME_MINUTES: Record<PasswordLinkPurpose, number> = {
  reset: RESET_LIFETIME_MINUTES,
  first_password: FIRST_PASSWORD_LIFETIME_MINUTES,
}

export type ResetLinkCheck =
  { state: 'ready'; reset: StaffPasswordReset } | { state: 'used' | 'expired' | 'invalid' }

function hashOf(secret: string) {
  return createHash('sha256').update(secret).digest('hex')
}

/**
 * "Forgotten your password?" for staff: a link by email that works once, for
 * an hour, and only the newest one. A new password signs nobody in: the
 * person signs in again, with the second factor as always.
 */
export default class StaffPasswordResets {
  /** Sends a link when the address is a member of staff's, and nothing otherwise: the caller answers the same either way. */
  static async request(email: string) {
    const user = await User.findBy('email', email.trim().toLowerCase())
    if (!user) return
    await TransactionalMail.queue(user.email, 'Reset your staff password', 'staff_password_reset', {
      fullName: user.fullName,
      resetUrl: await StaffPasswordResets.issue(user, 'reset'),
      lifetimeMinutes: RESET_LIFETIME_MINUTES,
    })
  }

  /**
   * A new link for the person, replacing any earlier one (only the newest
   * works): emailed by "Forgotten your password?", printed by the setup and
   * staff:sign-in-link commands.
   */
  static async issue(user: User, purpose: PasswordLinkPurpose) {
    const secret = randomBytes(32).toString('base64url')
    await db.transaction(async (trx) => {
      await trx.from('staff_password_resets').where('user_id', user.id).delete()
      await StaffPasswordReset.create(
        {
          userId: user.id,
          tokenHash: hashOf(secret),
          purpose,
          expiresAt: DateTime.now().plus({ minutes: LINK_LIFETIME_MINUTES[purpose] }),
        },
        { client: trx }
      )
    })
    return new URL(`/staff/reset-password/${secret}`, env.get('APP_URL')).href
  }

  static async check(secret: string): Promise<ResetLinkCheck> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return { state: 'invalid' }
    const reset = await StaffPasswordReset.query()
      .where('token_hash', hashOf(secret))
      .preload('user')
      .first()
    if (!reset) return { state: 'invalid' }
    if (reset.usedAt) return { state: 'used' }
    if (reset.expiresAt < DateTime.now()) return { state: 'expired' }
    return { state: 'ready', reset }
  }

  /**
   * Uses the link up and sets the new password, once: a second tab or a
   * replayed form finds it used. Every signed-in browser of the person is
   * signed out, and the account's failed sign-ins are forgotten. Null when the link was used (or ran out) meanwhile.
   */
  static async complete(reset: StaffPasswordReset, password: string) {
    const done = await db.transaction(async (trx) => {
      const claimed = await trx
        .from('staff_password_resets')
        .where('id', reset.id)
        .whereNull('used_at')
        .where('expires_at', '>', sqlTime())
        .update({ used_at: sqlTime() })
      if (Number(Array.isArray(claimed) ? claimed[0] : claimed) === 0) return null
      const user = await User.findOrFail(reset.userId, { client: trx })
      user.password = password
      await user.save()
      const sessionsEnded = await StaffSessions.endAllFor(user.id, trx)
      return { user, sessionsEnded }
    })
    // The link reached the holder (by email, or from staff:sign-in-link): their failed sign-ins no longer hold them up.
    if (done) await StaffSignInLimits.clearAccount(done.user.email)
    // Someone who reset a password they did not own is not hidden from its owner.
    if (done && reset.purpose === 'reset') {
      await TransactionalMail.queue(
        done.user.email,
        'Your staff password was changed',
        'staff_password_changed',
        { fullName: done.user.fullName, loginUrl: new URL('/staff/login', env.get('APP_URL')).href }
      )
    }
    return done
  }
}
