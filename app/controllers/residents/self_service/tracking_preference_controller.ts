import type { HttpContext } from '@adonisjs/core/http'
import TrackingPreference from '#services/residents/preferences/tracking_preference'
import { trackingPreferenceValidator } from '#validators/residents/tracking_preference'

/** "Manage your alerts" → Opening alerts: the resident's own "Don't track whether I open alerts". */
export default class TrackingPreferenceController {
  async edit({ view, resident }: HttpContext) {
    return view.render('pages/self_service/tracking', { declines: resident.declinesTracking })
  }

  async update({ request, response, resident, session, i18n }: HttpContext) {
    const { tracking } = await request.validateUsing(trackingPreferenceValidator)
    await TrackingPreference.set(resident, tracking === 'decline')
    session.flash(
      'success',
      i18n.t(
        tracking === 'decline' ? 'my_alerts.tracking.declined' : 'my_alerts.tracking.allowed_now'
      )
    )
    return response.redirect().toRoute('self_service.account')
  }
}
