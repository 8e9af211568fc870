import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
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
    const from = payload.officeHoursFrom ?? null
    const to = payload.officeHoursTo ?? null
    if ((from === null) !== (to === null) || (from !== null && to !== null && from >= to)) {
      session.flash(
        'error',
        'Office hours need both a start and an end, the end later than the start (for example 8 to 18), or both left empty.'
      )
      return response.redirect().toRoute('approval_settings.show')
    }
    const before = organisation.requiresApproval
    const warnings = () => ({
      officeHoursFrom: organisation.officeHoursFrom,
      officeHoursTo: organisation.officeHoursTo,
      largeAudienceWarning: organisation.largeAudienceWarning,
    })
    const warningsBefore = warnings()
    organisation.requiresApproval = payload.requiresApproval ?? false
    organisation.merge({
      officeHoursFrom: from,
      officeHoursTo: to,
      largeAudienceWarning: payload.largeAudienceWarning ?? null,
    })
    await organisation.save()
    if (JSON.stringify(warningsBefore) !== JSON.stringify(warnings())) {
      await AuditLogger.record(ctx, {
        action: 'organisation.send_warnings_changed',
        organisationId: organisation.id,
        subjectType: 'organisation',
        subjectId: organisation.id,
        details: { before: warningsBefore, after: warnings() },
      })
    }
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
