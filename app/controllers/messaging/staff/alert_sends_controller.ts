import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import AlertSending, { SendRefusedError } from '#services/messaging/alert_sending'
import AlertSendWarnings from '#services/messaging/alert_send_warnings'
import AuditLogger from '#services/platform/audit/audit_logger'

/** "Send now" on the alert's page: the dispatch job does the rest. */
export default class AlertSendsController {
  async store(ctx: HttpContext) {
    const { params, response, bouncer, session } = ctx
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('send', alert)
    // The page showed the warnings with a box to tick; a send without it is asked again.
    const warnings = await AlertSendWarnings.forAlert(alert)
    if (warnings.length > 0 && ctx.request.input('confirmWarnings') !== 'yes') {
      session.flash(
        'error',
        'Not sent: read the warnings above the “Send alert now” button, tick the box to confirm, then send.'
      )
      return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
    }
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
