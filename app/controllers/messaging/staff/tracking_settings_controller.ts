import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import { trackingSettingsValidator } from '#validators/messaging/tracking_settings'

/**
 * Settings → Tracking: whether the organisation's alert emails carry the
 * tracking image and tracked links (app/services/messaging/tracking/).
 * Off until an admin turns it on: see the page for why.
 */
export default class TrackingSettingsController {
  async show({ view, membership, bouncer }: HttpContext) {
    await bouncer.with('SettingsPolicy').authorize('manage', membership.organisationId)
    return view.render('pages/staff/settings/tracking', { organisation: membership.organisation })
  }

  async update(ctx: HttpContext) {
    const { request, response, membership, bouncer, session } = ctx
    await bouncer.with('SettingsPolicy').authorize('manage', membership.organisationId)
    const { tracksEngagement } = await request.validateUsing(trackingSettingsValidator)
    const organisation = membership.organisation
    const before = organisation.tracksEngagement
    organisation.tracksEngagement = tracksEngagement ?? false
    await organisation.save()
    await AuditLogger.record(ctx, {
      action: 'organisation.tracking_changed',
      organisationId: organisation.id,
      subjectType: 'organisation',
      subjectId: organisation.id,
      details: { before, after: organisation.tracksEngagement },
    })
    session.flash(
      'success',
      organisation.tracksEngagement
        ? 'Opens and clicks are now tracked in alert emails, except for residents who declined it.'
        : 'Opens and clicks are no longer tracked: alert emails carry no tracking image and their links go straight to where they point.'
    )
    return response.redirect().toRoute('tracking_settings.show')
  }
}
