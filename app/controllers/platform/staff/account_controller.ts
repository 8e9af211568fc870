import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import RecoveryCodes from '#services/platform/staff_accounts/recovery_codes'
import StaffSessions from '#services/platform/staff_accounts/staff_sessions'
import StaffSignIn from '#services/platform/staff_accounts/staff_sign_in'

/** Your account: who you are, your organisations, and your two-factor sign-in. */
export default class AccountController {
  async show({ view, auth }: HttpContext) {
    const user = auth.user!
    return view.render('pages/staff/two_factor/account', {
      user,
      memberships: user.memberships,
      remaining: await RecoveryCodes.remaining(user),
    })
  }

  async confirmSignOutEverywhere({ view }: HttpContext) {
    return view.render('pages/staff/two_factor/sign_out_everywhere')
  }

  /** For a device left signed in or lost: every session ends, this one too. */
  async signOutEverywhere(ctx: HttpContext) {
    const { auth, response, session, membership } = ctx
    const user = auth.user!
    const sessionsEnded = await StaffSessions.endAllFor(user.id)
    await AuditLogger.record(ctx, {
      action: 'staff.signed_out_everywhere',
      organisationId: membership.organisationId,
      subjectType: 'user',
      subjectId: user.id,
      details: { sessionsEnded },
    })
    await StaffSignIn.signOut(ctx)
    session.flash('success', 'You have signed out on every device.')
    return response.redirect().toRoute('staff.login')
  }
}
