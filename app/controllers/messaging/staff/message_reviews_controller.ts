import type { HttpContext } from '@adonisjs/core/http'
import Message from '#models/messaging/message'
import AuditLogger from '#services/platform/audit/audit_logger'
import MessageApproval, { WorkflowRefusal } from '#services/messaging/message_approval'
import { returnCommentValidator } from '#validators/messaging/message_review'

/**
 * Approval steps on a message: submit, withdraw, approve, return with a comment.
 */
export default class MessageReviewsController {
  async submit(ctx: HttpContext) {
    const message = await this.#find(ctx, 'submit')
    return this.#step(ctx, message, 'message.submitted', async () => {
      const notified = await MessageApproval.submit(message, ctx.auth.user!)
      return notified > 0
        ? 'The alert was submitted for approval. The approvers have been told by email.'
        : 'The alert was submitted for approval, but nobody else in your organisation can approve it yet. Ask an admin to give someone the approver role.'
    })
  }

  async withdraw(ctx: HttpContext) {
    const message = await this.#find(ctx, 'submit')
    return this.#step(ctx, message, 'message.withdrawn', async () => {
      await MessageApproval.withdraw(message, ctx.auth.user!)
      return 'The alert was withdrawn from approval and is a draft again.'
    })
  }

  async approve(ctx: HttpContext) {
    const message = await this.#find(ctx, 'approve')
    return this.#step(ctx, message, 'message.approved', async () => {
      await MessageApproval.approve(message, ctx.auth.user!)
      return 'The alert is approved. It can now be sent or scheduled.'
    })
  }

  async return(ctx: HttpContext) {
    const message = await this.#find(ctx, 'approve')
    const { comment } = await ctx.request.validateUsing(returnCommentValidator)
    return this.#step(ctx, message, 'message.returned', async () => {
      await MessageApproval.return(message, ctx.auth.user!, comment)
      return 'The alert was returned to its author with your comment.'
    })
  }

  async #find({ params, bouncer }: HttpContext, ability: 'submit' | 'approve') {
    const message = await Message.findOrFail(params.id)
    await bouncer.with('MessagePolicy').authorize(ability, message)
    return message
  }

  async #step(ctx: HttpContext, message: Message, action: string, run: () => Promise<string>) {
    const { response, session } = ctx
    try {
      session.flash('success', await run())
    } catch (error) {
      if (!(error instanceof WorkflowRefusal)) throw error
      await AuditLogger.record(ctx, {
        action: `${action}.refused`,
        organisationId: message.organisationId,
        subjectType: 'message',
        subjectId: message.id,
        details: { reason: error.message },
      })
      session.flash('error', error.message)
      return response.redirect().toRoute('messages.show', { id: message.id })
    }
    await AuditLogger.record(ctx, {
      action,
      organisationId: message.organisationId,
      subjectType: 'message',
      subjectId: message.id,
      details:
        message.returnedComment && action === 'message.returned'
          ? { comment: message.returnedComment }
          : undefined,
    })
    return response.redirect().toRoute('messages.show', { id: message.id })
  }
}
