import { randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import AlertForwards from '#services/engagement/alert_forwards'
import PublicAlerts from '#services/messaging/public_alerts'
import { presentAlert } from '#services/messaging/public_alert_view'
import SignUpReferral from '#services/residents/registration/sign_up_referral'

/**
 * A neighbour opens an alert a resident shared (/f/<code>): the alert, who
 * sent it, and an invitation to sign up. Each person is counted once per
 * forward, and a sign-up from here is counted for it.
 */
export default class ForwardedAlertsController {
  async show({ params, request, session, view, response }: HttpContext) {
    const forward = await AlertForwards.find(String(params.code).toUpperCase())
    const alert = forward
      ? await Alert.query().where('id', forward.alertId).preload('organisation').first()
      : null
    if (!forward || !alert) return response.notFound(await view.render('pages/forwards/not_found'))

    const own: string[] = session.get('ownForwards', [])
    if (!own.includes(forward.code)) {
      let visitor: string | undefined = session.get('visitorId')
      if (!visitor) {
        visitor = randomBytes(16).toString('hex')
        session.put('visitorId', visitor)
      }
      await AlertForwards.visited(forward, visitor, request.header('user-agent'))
      SignUpReferral.remember(session, `forward:${forward.id}`)
    }
    // A page for one person's forward: never kept by a shared cache.
    response.header('Cache-Control', 'private, no-store')
    const areas = await PublicAlerts.areasOf([alert])
    return view.render('pages/forwards/show', {
      alert: presentAlert(alert, areas.get(alert.id) ?? []),
      signUpUrl: `/sign-up?organisation=${encodeURIComponent(alert.organisation.slug)}`,
    })
  }
}
