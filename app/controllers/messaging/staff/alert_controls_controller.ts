import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import AlertProgress from '#services/messaging/delivery/alert_progress'
import AlertControl from '#services/messaging/delivery/alert_control'
import OrganisationSuspension from '#services/platform/organisations/organisation_suspension'
import AuditLogger from '#services/platform/audit/audit_logger'

const PAST_TENSE = { pause: 'paused', resume: 'resumed', cancel: 'cancelled' } as const

/** Staff control of a send under way: pause, resume and cancel (with a confirmation page). */
export default class AlertControlsController {
  async pause(ctx: HttpContext) {
    return this.#control(ctx, 'pause', 'Sending is paused. Nothing more goes out until you resume.')
  }

  async resume(ctx: HttpContext) {
    return this.#control(ctx, 'resume', 'Sending has resumed from where it stopped.')
  }

  async cancelConfirmation({ params, view, bouncer }: HttpContext) {
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('send', alert)
    const progress = await AlertProgress.of(alert.id)
    return view.render('pages/staff/alerts/cancel', { alert, progress })
  }

  async cancel(ctx: HttpContext) {
    return this.#control(
      ctx,
      'cancel',
      'The alert was cancelled. Deliveries not yet made will not be made.'
    )
  }

  async #control(ctx: HttpContext, action: 'pause' | 'resume' | 'cancel', done: string) {
    const { params, response, bouncer, session } = ctx
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('send', alert)
    const suspended =
      action === 'resume' ? await OrganisationSuspension.refusal(alert.organisationId) : null
    if (suspended) {
      session.flash('error', suspended)
      return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
    }
    const changed =
      action === 'pause'
        ? await AlertControl.pause(alert.id, 'Paused by staff')
        : action === 'resume'
          ? await AlertControl.resume(alert.id)
          : await AlertControl.cancel(alert.id)
    if (changed) {
      await AuditLogger.record(ctx, {
        action: `alert.${PAST_TENSE[action]}`,
        organisationId: alert.organisationId,
        subjectType: 'alert',
        subjectId: alert.id,
      })
      session.flash('success', done)
    } else {
      session.flash(
        'error',
        `This alert cannot be ${PAST_TENSE[action]} now: it is ${alert.status}.`
      )
    }
    return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
  }
}
