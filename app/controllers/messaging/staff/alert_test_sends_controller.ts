import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import AlertTestSend from '#services/messaging/delivery/alert_test_send'

/** "Send a test to me" on the alert's page: the alert by email to the member who asked, and nobody else. */
export default class AlertTestSendsController {
  async store({ params, response, bouncer, session, auth }: HttpContext) {
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('send', alert)
    const result = await AlertTestSend.toMember(alert, auth.getUserOrFail())
    session.flash(result.ok ? 'success' : 'error', result.message)
    return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
  }
}
