import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/audit_logger'
import RecoveryCodes from '#services/recovery_codes'
import StaffSessions, { STAFF_SESSION_KEY } from '#services/staff_sessions'

/**
 * A signed-in member of staff replaces their recovery codes (after using
 * some, or losing the paper). The old ones stop working at once, and so
 * does every other signed-in browser: if the paper was lost, someone may
 * have used a code to sign in.
 */
export default class RecoveryCodesController {
  async confirm({ view, auth }: HttpContext) {
    return view.render('pages/staff/two_factor/regenerate', {
      remaining: await RecoveryCodes.remaining(auth.user!),
    })
  }

  async regenerate(ctx: HttpContext) {
    const { view, auth, response, membership, session } = ctx
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
