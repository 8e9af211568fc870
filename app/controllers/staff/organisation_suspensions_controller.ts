import type { HttpContext } from '@adonisjs/core/http'
import Organisation from '#models/organisation'
import AuditLogger from '#services/audit_logger'
import OrganisationSuspension from '#services/organisation_suspension'
import { suspensionValidator } from '#validators/organisation'

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
    const { params, request, response, bouncer, session } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const organisation = await Organisation.findOrFail(params.id)
    const { reason } = await request.validateUsing(suspensionValidator)
    const { suspended, paused } = await OrganisationSuspension.suspend(organisation, reason)
    if (!suspended) {
      session.flash('error', `${organisation.name} was already suspended.`)
      return response.redirect().toRoute('organisations.edit', { id: organisation.id })
    }
    await AuditLogger.record(ctx, {
      action: 'organisation.suspended',
      organisationId: organisation.id,
      subjectType: 'organisation',
      subjectId: organisation.id,
      details: { reason: organisation.suspensionReason, pausedSends: paused },
    })
    session.flash(
      'success',
      `${organisation.name} is suspended. Its staff cannot send alerts${paused ? `, and ${paused} send${paused === 1 ? ' under way was' : 's under way were'} paused` : ''}.`
    )
    return response.redirect().toRoute('organisations.edit', { id: organisation.id })
  }

  async confirmReactivate({ params, view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const organisation = await Organisation.findOrFail(params.id)
    return view.render('pages/staff/organisations/reactivate', { organisation })
  }

  async reactivate(ctx: HttpContext) {
    const { params, response, bouncer, session } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const organisation = await Organisation.findOrFail(params.id)
    const reason = organisation.suspensionReason
    if (!(await OrganisationSuspension.reactivate(organisation))) {
      session.flash('error', `${organisation.name} is not suspended.`)
      return response.redirect().toRoute('organisations.edit', { id: organisation.id })
    }
    await AuditLogger.record(ctx, {
      action: 'organisation.reactivated',
      organisationId: organisation.id,
      subjectType: 'organisation',
      subjectId: organisation.id,
      details: { suspendedFor: reason },
    })
    session.flash(
      'success',
      `${organisation.name} is active again. Its staff can send alerts, and resume any send that was paused.`
    )
    return response.redirect().toRoute('organisations.edit', { id: organisation.id })
  }
}
