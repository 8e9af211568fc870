import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import AuditLogger from '#services/platform/audit/audit_logger'
import LondonTime from '#services/platform/infrastructure/london_time'
import { WorkflowRefusal } from '#services/messaging/alert_approval'
import AlertScheduling, { ScheduleRefusal } from '#services/messaging/alert_scheduling'
import AlertSendWarnings from '#services/messaging/alert_send_warnings'
import {
  alertScheduleMessages,
  alertScheduleValidator,
  parseTime,
} from '#validators/messaging/alert_schedule'
import { refuseAnswer } from '#validators/residents/sign_up'

/** "Send later" on the alert page, and cancelling a scheduled send. */
export default class AlertSchedulesController {
  async store(ctx: HttpContext) {
    const { params, request, response, bouncer, session, auth } = ctx
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('schedule', alert)
    const payload = await request.validateUsing(alertScheduleValidator, {
      messagesProvider: alertScheduleMessages(),
    })
    const local = {
      year: payload.year,
      month: payload.month,
      day: payload.day,
      ...parseTime(payload.time),
    }

    let scheduled
    try {
      // Warnings as "Send alert now" gives them, for the time chosen: asked once, then confirmed.
      const warnings = await AlertSendWarnings.forAlert(
        alert,
        AlertScheduling.resolve(local).instant,
        true
      )
      if (warnings.length > 0 && request.input('confirmWarnings') !== 'yes') {
        session.flashAll()
        session.flash('scheduleWarnings', warnings)
        session.flash(
          'error',
          'Not scheduled: read the warnings under “Send later”, tick the box to confirm, then schedule.'
        )
        return response.redirect(`/staff/alerts/${alert.id}#send-later`)
      }
      scheduled = await AlertScheduling.schedule(alert, auth.user!, local)
    } catch (error) {
      if (error instanceof ScheduleRefusal) throw refuseAnswer(error.field, error.message)
      if (!(error instanceof WorkflowRefusal)) throw error
      session.flash('error', error.message)
      return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
    }
    await AuditLogger.record(ctx, {
      action: 'alert.scheduled',
      organisationId: alert.organisationId,
      subjectType: 'alert',
      subjectId: alert.id,
      details: {
        scheduledAt: scheduled.instant.toISO(),
        london: LondonTime.describe(scheduled.instant),
      },
    })
    session.flash(
      'success',
      [`The alert will be sent on ${LondonTime.describe(scheduled.instant)}.`, scheduled.notice]
        .filter(Boolean)
        .join(' ')
    )
    return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
  }

  async confirmDestroy({ params, view, bouncer }: HttpContext) {
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('schedule', alert)
    if (alert.status !== 'scheduled' || !alert.scheduledAt) {
      return view.render('pages/staff/alerts/schedule_cancel', { alert, when: null })
    }
    return view.render('pages/staff/alerts/schedule_cancel', {
      alert,
      when: LondonTime.describe(alert.scheduledAt),
    })
  }

  async destroy(ctx: HttpContext) {
    const { params, response, bouncer, session, auth } = ctx
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('schedule', alert)
    const when = alert.scheduledAt ? LondonTime.describe(alert.scheduledAt) : null
    try {
      await AlertScheduling.cancel(alert, auth.user!)
    } catch (error) {
      if (!(error instanceof WorkflowRefusal)) throw error
      session.flash('error', error.message)
      return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
    }
    await AuditLogger.record(ctx, {
      action: 'alert.schedule_cancelled',
      organisationId: alert.organisationId,
      subjectType: 'alert',
      subjectId: alert.id,
      details: { wasScheduledFor: when },
    })
    session.flash(
      'success',
      `The scheduled send for ${when} was cancelled. The alert is ${alert.statusLabel} again and nothing was sent.`
    )
    return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
  }
}
