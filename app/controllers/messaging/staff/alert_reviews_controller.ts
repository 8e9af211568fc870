import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import AuditLogger from '#services/platform/audit/audit_logger'
import AlertApproval, { WorkflowRefusal } from '#services/messaging/alert_approval'
import AlertSpendApproval from '#services/messaging/alert_spend_approval'
import { pounds } from '#services/messaging/alert_cost_estimates'
import { returnCommentValidator } from '#validators/messaging/alert_review'

/**
 * Approval steps on an alert: submit, withdraw, approve, return with a comment,
 * and an admin's approval of spending past a monthly limit.
 */
export default class AlertReviewsController {
  async submit(ctx: HttpContext) {
    const alert = await this.#find(ctx, 'submit')
    return this.#step(ctx, alert, 'alert.submitted', async () => {
      const notified = await AlertApproval.submit(alert, ctx.auth.user!)
      return notified > 0
        ? 'The alert was submitted for approval. The approvers have been told by email.'
        : 'The alert was submitted for approval, but nobody else in your organisation can approve it yet. Ask an admin to give someone the approver role.'
    })
  }

  async withdraw(ctx: HttpContext) {
    const alert = await this.#find(ctx, 'submit')
    return this.#step(ctx, alert, 'alert.withdrawn', async () => {
      await AlertApproval.withdraw(alert, ctx.auth.user!)
      return 'The alert was withdrawn from approval and is a draft again.'
    })
  }

  async approve(ctx: HttpContext) {
    const alert = await this.#find(ctx, 'approve')
    return this.#step(ctx, alert, 'alert.approved', async () => {
      await AlertApproval.approve(alert, ctx.auth.user!)
      return 'The alert is approved. It can now be sent or scheduled.'
    })
  }

  async approveSpending(ctx: HttpContext) {
    const alert = await this.#find(ctx, 'approveSpend')
    return this.#step(ctx, alert, 'alert.spend_approved', async () => {
      const pence = await AlertSpendApproval.approve(alert, ctx.auth.user!)
      return `You approved ${pounds(pence)} of spending past the monthly limit. The alert can now be sent.`
    })
  }

  async return(ctx: HttpContext) {
    const alert = await this.#find(ctx, 'approve')
    const { comment } = await ctx.request.validateUsing(returnCommentValidator)
    return this.#step(ctx, alert, 'alert.returned', async () => {
      await AlertApproval.return(alert, ctx.auth.user!, comment)
      return 'The alert was returned to its author with your comment.'
    })
  }

  async #find({ params, bouncer }: HttpContext, ability: 'submit' | 'approve' | 'approveSpend') {
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize(ability, alert)
    return alert
  }

  async #step(ctx: HttpContext, alert: Alert, action: string, run: () => Promise<string>) {
    const { response, session } = ctx
    try {
      session.flash('success', await run())
    } catch (error) {
      if (!(error instanceof WorkflowRefusal)) throw error
      await AuditLogger.record(ctx, {
        action: `${action}.refused`,
        organisationId: alert.organisationId,
        subjectType: 'alert',
        subjectId: alert.id,
        details: { reason: error.message },
      })
      session.flash('error', error.message)
      return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
    }
    await AuditLogger.record(ctx, {
      action,
      organisationId: alert.organisationId,
      subjectType: 'alert',
      subjectId: alert.id,
      details:
        alert.returnedComment && action === 'alert.returned'
          ? { comment: alert.returnedComment }
          : undefined,
    })
    return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
  }
}
