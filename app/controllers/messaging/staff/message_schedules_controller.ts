import type { HttpContext } from '@adonisjs/core/http'
import Message from '#models/messaging/message'
import AuditLogger from '#services/platform/audit/audit_logger'
import LondonTime from '#services/platform/infrastructure/london_time'
import { WorkflowRefusal } from '#services/messaging/message_approval'
import MessageScheduling, { ScheduleRefusal } from '#services/messaging/message_scheduling'
import { messageScheduleValidator, parseTime } from '#validators/messaging/message_schedule'
import { refuseAnswer } from '#validators/residents/sign_up'

/** "Send later" on the message page, and cancelling a scheduled send. */
export default class MessageSchedulesController {
  async store(ctx: HttpContext) {
    const { params, request, response, bouncer, session, auth } = ctx
    const message = await Message.findOrFail(params.id)
    await bouncer.with('MessagePolicy').authorize('schedule', message)
    const payload = await request.validateUsing(messageScheduleValidator)
    const local = {
      year: payload.year,
      month: payload.month,
      day: payload.day,
      ...parseTime(payload.time),
    }

    let scheduled
    try {
      scheduled = await MessageScheduling.schedule(message, auth.user!, local)
    } catch (error) {
      if (error instanceof ScheduleRefusal) throw refuseAnswer(error.field, error.message)
      if (!(error instanceof WorkflowRefusal)) throw error
      session.flash('error', error.message)
      return response.redirect().toRoute('messages.show', { id: message.id })
    }
    await AuditLogger.record(ctx, {
      action: 'message.scheduled',
      organisationId: message.organisationId,
      subjectType: 'message',
      subjectId: message.id,
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
    return response.redirect().toRoute('messages.show', { id: message.id })
  }

  async confirmDestroy({ params, view, bouncer }: HttpContext) {
    const message = await Message.findOrFail(params.id)
    await bouncer.with('MessagePolicy').authorize('schedule', message)
    if (message.status !== 'scheduled' || !message.scheduledAt) {
      return view.render('pages/staff/messages/schedule_cancel', { message, when: null })
    }
    return view.render('pages/staff/messages/schedule_cancel', {
      message,
      when: LondonTime.describe(message.scheduledAt),
    })
  }

  async destroy(ctx: HttpContext) {
    const { params, response, bouncer, session, auth } = ctx
    const message = await Message.findOrFail(params.id)
    await bouncer.with('MessagePolicy').authorize('schedule', message)
    const when = message.scheduledAt ? LondonTime.describe(message.scheduledAt) : null
    try {
      await MessageScheduling.cancel(message, auth.user!)
    } catch (error) {
      if (!(error instanceof WorkflowRefusal)) throw error
      session.flash('error', error.message)
      return response.redirect().toRoute('messages.show', { id: message.id })
    }
    await AuditLogger.record(ctx, {
      action: 'message.schedule_cancelled',
      organisationId: message.organisationId,
      subjectType: 'message',
      subjectId: message.id,
      details: { wasScheduledFor: when },
    })
    session.flash(
      'success',
      `The scheduled send for ${when} was cancelled. The alert is ${message.statusLabel} again and nothing was sent.`
    )
    return response.redirect().toRoute('messages.show', { id: message.id })
  }
}
