import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import SendWarningSettings, { OfficeHoursError } from '#services/messaging/send_warning_settings'
import { approvalSettingsValidator } from '#validators/messaging/approval_settings'

/**
 * Settings → Approval: whether the organisation's alerts need approval
 * before sending, and when "Send alert now" warns first (AlertSendWarnings).
 */
export default class ApprovalSettingsController {
  async show({ view, membership, bouncer }: HttpContext) {
    await bouncer.with('SettingsPolicy').authorize('manage', membership.organisationId)
    return view.render('pages/staff/settings/approval', { organisation: membership.organisation })
  }

  async update(ctx: HttpContext) {
    const { request, response, membership, bouncer, session } = ctx
    await bouncer.with('SettingsPolicy').authorize('manage', membership.organisationId)
    const payload = await request.validateUsing(approvalSettingsValidator)
    const organisation = membership.organisation
    let warningsBefore
    try {
      warningsBefore = SendWarningSettings.apply(organisation, payload)
    } catch (error) {
      if (!(error instanceof OfficeHoursError)) throw error
      session.flash('error', error.message)
      return response.redirect().toRoute('approval_settings.show')
    }
    const before = organisation.requiresApproval
    organisation.requiresApproval = payload.requiresApproval ?? false
    await organisation.save()
    await SendWarningSettings.audit(ctx, organisation, warningsBefore)
    await AuditLogger.record(ctx, {
      action: 'organisation.approval_changed',
      organisationId: organisation.id,
      subjectType: 'organisation',
      subjectId: organisation.id,
      details: { before, after: organisation.requiresApproval },
    })
    session.flash(
      'success',
      organisation.requiresApproval
        ? 'Alerts now need approval before they are sent or scheduled.'
        : 'Alerts no longer need approval: senders can send or schedule them themselves.'
    )
    return response.redirect().toRoute('approval_settings.show')
  }
}
