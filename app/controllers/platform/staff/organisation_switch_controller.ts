import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import OrganisationSwitching from '#services/platform/organisations/organisation_switching'
import { organisationSwitchValidator } from '#validators/platform/organisation_switch'

/** A member of several organisations chooses which one they are working for. */
export default class OrganisationSwitchController {
  async store(ctx: HttpContext) {
    const { request, response, session, auth, membership: before } = ctx
    const user = auth.getUserOrFail()
    const [error, payload] = await request.tryValidateUsing(organisationSwitchValidator, {
      meta: { organisationIds: user.memberships.map((membership) => membership.organisationId) },
    })
    if (error) {
      await AuditLogger.record(ctx, {
        action: 'staff.organisation_switch_refused',
        organisationId: before.organisationId,
        details: { asked: String(request.input('organisationId') ?? '').slice(0, 40) },
      })
      session.flash('error', error.messages[0]?.message ?? 'Choose one of your organisations')
      return response.redirect().toRoute('staff.dashboard')
    }
    const chosen = user.memberships.find(
      (membership) => membership.organisationId === payload.organisationId
    )!
    OrganisationSwitching.choose(ctx, user, chosen)
    await AuditLogger.record(ctx, {
      action: 'staff.organisation_switched',
      organisationId: chosen.organisationId,
      subjectType: 'organisation',
      subjectId: chosen.organisationId,
      details: { from: before.organisationId, to: chosen.organisationId, role: chosen.role },
    })
    session.flash(
      'success',
      `You are now working as ${chosen.role} for ${chosen.organisation.name}.`
    )
    // From the "This belongs to …" page: straight on to the record.
    const returnTo = OrganisationSwitching.returnPath(request.input('returnTo'))
    if (returnTo) return response.redirect().toPath(returnTo)
    return response.redirect().toRoute('staff.dashboard')
  }
}
