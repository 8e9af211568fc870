import type { HttpContext } from '@adonisjs/core/http'
import Organisation from '#models/platform/organisation'
import AuditLogger from '#services/platform/audit/audit_logger'
import OrganisationSuspension from '#services/platform/organisations/organisation_suspension'
import { suspensionValidator } from '#validators/platform/organisation'

/**
 * An install admin suspends an organisation, after a page that says what
 * that does and asks why, and reactivates it, after a page that asks first.
 */
export default class OrganisationSuspensionsController {
  async confirm({ params, view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const organisation = await Organisation.findOrFail(params.id)
    return view.render('pages/staff/organisations/suspend', { organisation })
  }

  async store(ctx: HttpContext) {
    const { params, request, bouncer } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const organisation = await Organisation.findOrFail(params.id)
    const { reason } = await request.validateUsing(suspensionValidator)
    const { suspended, paused } = await OrganisationSuspension.suspend(organisation, reason)
    const pausedWords = paused
      ? `, and ${paused} send${paused === 1 ? ' under way was' : 's under way were'} paused`
      : ''
    return this.#outcome(ctx, organisation, {
      changed: suspended,
      action: 'organisation.suspended',
      details: { reason: organisation.suspensionReason, pausedSends: paused },
      success: `${organisation.name} is suspended. Its staff cannot send alerts${pausedWords}.`,
      unchanged: `${organisation.name} was already suspended.`,
    })
  }

  async confirmReactivate({ params, view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const organisation = await Organisation.findOrFail(params.id)
    return view.render('pages/staff/organisations/reactivate', { organisation })
  }

  async reactivate(ctx: HttpContext) {
    const { params, bouncer } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const organisation = await Organisation.findOrFail(params.id)
    const reason = organisation.suspensionReason
    return this.#outcome(ctx, organisation, {
      changed: await OrganisationSuspension.reactivate(organisation),
      action: 'organisation.reactivated',
      details: { suspendedFor: reason },
      success: `${organisation.name} is active again. Its staff can send alerts, and resume any send that was paused.`,
      unchanged: `${organisation.name} is not suspended.`,
    })
  }

  /** Audited and said when it changed; a second click (or a second admin) is told it already had. */
  async #outcome(
    ctx: HttpContext,
    organisation: Organisation,
    outcome: {
      changed: boolean
      action: string
      details: Record<string, unknown>
      success: string
      unchanged: string
    }
  ) {
    if (outcome.changed) {
      await AuditLogger.record(ctx, {
        action: outcome.action,
        organisationId: organisation.id,
        subjectType: 'organisation',
        subjectId: organisation.id,
        details: outcome.details,
      })
    }
    ctx.session.flash(
      outcome.changed ? 'success' : 'error',
      outcome.changed ? outcome.success : outcome.unchanged
    )
    return ctx.response.redirect().toRoute('organisations.edit', { id: organisation.id })
  }
}
