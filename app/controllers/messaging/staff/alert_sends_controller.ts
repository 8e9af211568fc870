import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import AlertSending, { SendRefusedError } from '#services/messaging/alert_sending'
import AuditLogger from '#services/platform/audit/audit_logger'

/** "Send now" on the alert's page: the dispatch job does the rest. */
export default class AlertSendsController {
  async store(ctx: HttpContext) {
    const { params, response, bouncer, session } = ctx
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('send', alert)
    try {
      if (!(await AlertSending.start(alert))) {
        session.flash('error', 'This alert has already started sending.')
        return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
      }
    } catch (error) {
      if (!(error instanceof SendRefusedError)) throw error
      session.flash('error', error.message)
      return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
    }
    await AuditLogger.record(ctx, {
      action: 'alert.sent',
      organisationId: alert.organisationId,
      subjectType: 'alert',
      subjectId: alert.id,
      details: { audience: alert.audienceCount },
    })
    session.flash('success', 'Sending has started.')
    return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
  }
}
