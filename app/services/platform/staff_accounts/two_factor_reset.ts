import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/platform/organisation'
import type User from '#models/platform/user'
import StaffSessions from '#services/platform/staff_accounts/staff_sessions'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import TwoFactor from '#services/platform/staff_accounts/two_factor'

/**
 * An admin's answer to a member of staff who lost both their phone and their
 * recovery codes: the authenticator app and the codes stop working, every
 * signed-in browser is signed out, and the next sign-in sets up an app again.
 * The member is told by email, so a reset they did not ask for does not go
 * unnoticed.
 */
/** Who reset it, as the member's email names them. */
export interface ResetBy {
  name: string
  email: string
  /** "an admin of <organisation>", or how else they relate to the member. */
  role: string
}

export default class TwoFactorReset {
  static byAdmin(admin: User, organisation: Organisation): ResetBy {
    return { name: admin.fullName, email: admin.email, role: `an admin of ${organisation.name}` }
  }

  static async reset(member: User, by: ResetBy) {
    const hadTwoFactor = TwoFactor.isEnrolled(member)
    const sessionsEnded = await db.transaction(async (trx) => {
      await trx
        .from('users')
        .where('id', member.id)
        .update({ totp_secret: null, totp_confirmed_at: null, totp_last_step: null })
      await trx.from('staff_recovery_codes').where('user_id', member.id).delete()
      return StaffSessions.endAllFor(member.id, trx)
    })
    member.totpSecret = null
    member.totpConfirmedAt = null
    member.totpLastStep = null
    await TransactionalMail.queue(
      member.email,
      'Two-factor sign-in for your staff account was reset',
      'staff_two_factor_reset',
      { fullName: member.fullName, by }
    )
    return { hadTwoFactor, sessionsEnded }
  }
}
