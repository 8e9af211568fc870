import type { HttpContext } from '@adonisjs/core/http'
import Message from '#models/messaging/message'
import MessageSending, { SendRefusedError } from '#services/messaging/message_sending'
import AuditLogger from '#services/platform/audit_logger'

/** "Send now" on the alert's page: the dispatch job does the rest. */
export default class MessageSendsController {
  async store(ctx: HttpContext) {
    const { params, response, bouncer, session } = ctx
    const message = await Message.findOrFail(params.id)
    await bouncer.with('MessagePolicy').authorize('send', message)
    try {
      if (!(await MessageSending.start(message))) {
        session.flash('error', 'This alert has already started sending.')
        return response.redirect().toRoute('messages.show', { id: message.id })
      }
    } catch (error) {
      if (!(error instanceof SendRefusedError)) throw error
      session.flash('error', error.message)
      return response.redirect().toRoute('messages.show', { id: message.id })
    }
    await AuditLogger.record(ctx, {
      action: 'message.sent',
      organisationId: message.organisationId,
      subjectType: 'message',
      subjectId: message.id,
      details: { audience: message.audienceCount },
    })
    session.flash('success', 'Sending has started.')
    return response.redirect().toRoute('messages.show', { id: message.id })
  }
}
