import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/audit_logger'
import RecoveryCodes from '#services/recovery_codes'

/**
 * A signed-in member of staff replaces their recovery codes (after using
 * some, or losing the paper). The old ones stop working at once.
 */
export default class RecoveryCodesController {
  async confirm({ view, auth }: HttpContext) {
    return view.render('pages/staff/two_factor/regenerate', {
      remaining: await RecoveryCodes.remaining(auth.user!),
    })
  }

  async regenerate(ctx: HttpContext) {
    const { view, auth, response, membership } = ctx
    const codes = await RecoveryCodes.regenerate(auth.user!)
    await AuditLogger.record(ctx, {
      action: 'two_factor.recovery_codes_regenerated',
      organisationId: membership.organisationId,
      subjectType: 'user',
      subjectId: auth.user!.id,
    })
    response.header('Cache-Control', 'no-store')
    return view.render('pages/staff/two_factor/recovery_codes', { codes, firstTime: false })
  }
}
