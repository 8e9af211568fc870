import type { HttpContext } from '@adonisjs/core/http'
import Message from '#models/messaging/message'
import MessageProgress from '#services/messaging/delivery/message_progress'
import MessageControl from '#services/messaging/delivery/message_control'
import OrganisationSuspension from '#services/platform/organisation_suspension'
import AuditLogger from '#services/platform/audit_logger'

const PAST_TENSE = { pause: 'paused', resume: 'resumed', cancel: 'cancelled' } as const

/** Staff control of a send under way: pause, resume and cancel (with a confirmation page). */
export default class MessageControlsController {
  async pause(ctx: HttpContext) {
    return this.#control(ctx, 'pause', 'Sending is paused. Nothing more goes out until you resume.')
  }

  async resume(ctx: HttpContext) {
    return this.#control(ctx, 'resume', 'Sending has resumed from where it stopped.')
  }

  async cancelConfirmation({ params, view, bouncer }: HttpContext) {
    const message = await Message.findOrFail(params.id)
    await bouncer.with('MessagePolicy').authorize('send', message)
    const progress = await MessageProgress.of(message.id)
    return view.render('pages/staff/messages/cancel', { message, progress })
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
    const message = await Message.findOrFail(params.id)
    await bouncer.with('MessagePolicy').authorize('send', message)
    const suspended =
      action === 'resume' ? await OrganisationSuspension.refusal(message.organisationId) : null
    if (suspended) {
      session.flash('error', suspended)
      return response.redirect().toRoute('messages.show', { id: message.id })
    }
    const changed =
      action === 'pause'
        ? await MessageControl.pause(message.id, 'Paused by staff')
        : action === 'resume'
          ? await MessageControl.resume(message.id)
          : await MessageControl.cancel(message.id)
    if (changed) {
      await AuditLogger.record(ctx, {
        action: `message.${PAST_TENSE[action]}`,
        organisationId: message.organisationId,
        subjectType: 'message',
        subjectId: message.id,
      })
      session.flash('success', done)
    } else {
      session.flash(
        'error',
        `This alert cannot be ${PAST_TENSE[action]} now: it is ${message.status}.`
      )
    }
    return response.redirect().toRoute('messages.show', { id: message.id })
  }
}
