import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import RecoveryCodes from '#services/platform/staff_accounts/recovery_codes'
import StaffSessions, { STAFF_SESSION_KEY } from '#services/platform/staff_accounts/staff_sessions'
import StaffReauthentication from '#services/platform/staff_accounts/staff_reauthentication'
import StaffSignInLimits from '#services/platform/staff_accounts/staff_sign_in_limits'
import { reauthenticationValidator } from '#validators/platform/staff_accounts'

/**
 * A signed-in member of staff replaces their recovery codes (after using
 * some, or losing the paper). The old ones stop working at once, and so
 * does every other signed-in browser: if the paper was lost, someone may
 * have used a code to sign in. The password and a current code are asked
 * again: a borrowed or stolen session must not be able to mint codes that
 * outlive it.
 */
export default class RecoveryCodesController {
  async confirm({ view, auth }: HttpContext) {
    return view.render('pages/staff/two_factor/regenerate', {
      remaining: await RecoveryCodes.remaining(auth.user!),
    })
  }

  async regenerate(ctx: HttpContext) {
    const { view, auth, request, response, session, membership } = ctx
    const { password, code } = await request.validateUsing(reauthenticationValidator)
    // A stolen session must not become a way to guess the password: the sign-in counts apply.
    await StaffSignInLimits.guard(auth.user!.email, request.ip())
    const errors = await StaffReauthentication.check(auth.user!, password, code)
    if (errors) {
      await StaffSignInLimits.recordFailure(auth.user!.email, request.ip())
      session.flash('inputErrorsBag', errors)
      return response.redirect().toRoute('recovery_codes.confirm')
    }
    const codes = await RecoveryCodes.regenerate(auth.user!)
    const sessionsEnded = await StaffSessions.endOthersFor(
      auth.user!.id,
      session.get(STAFF_SESSION_KEY)
    )
    await AuditLogger.record(ctx, {
      action: 'two_factor.recovery_codes_regenerated',
      organisationId: membership.organisationId,
      subjectType: 'user',
      subjectId: auth.user!.id,
      details: { otherSessionsEnded: sessionsEnded },
    })
    response.header('Cache-Control', 'no-store')
    return view.render('pages/staff/two_factor/recovery_codes', { codes, firstTime: false })
  }
}
