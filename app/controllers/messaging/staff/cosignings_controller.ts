import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import { categoryLabel } from '#services/messaging/alert_categories'
import JointAlerts, { JointAlertRefusal } from '#services/messaging/joint_alerts'
import LondonTime from '#services/platform/infrastructure/london_time'
import { declineReasonValidator } from '#validators/messaging/joint_alert'

/**
 * The invited organisation's side of a joint alert: its approvers and admins
 * list the invitations, read one draft (read-only; nothing else of the other
 * organisation), and approve or decline it.
 */
export default class CosigningsController {
  async index({ request, view, bouncer, membership }: HttpContext) {
    await bouncer.with('AlertPolicy').authorize('viewCosignings', membership.organisationId)
    const page = Math.max(1, Number(request.qs().page) || 1)
    const invitations = await JointAlerts.invitationsFor(membership.organisationId, page)
    invitations.baseUrl('/staff/joint-alerts')
    return view.render('pages/staff/joint_alerts/index', {
      invitations,
      when: (at: Parameters<typeof LondonTime.short>[0]) => LondonTime.short(at),
    })
  }

  async show(ctx: HttpContext) {
    const { view } = ctx
    const alert = await this.#find(ctx)
    await alert.load('author')
    return view.render('pages/staff/joint_alerts/show', {
      alert,
      categoryLabel: categoryLabel(alert.category),
      when: (at: Parameters<typeof LondonTime.short>[0]) => LondonTime.short(at),
    })
  }

  async approve(ctx: HttpContext) {
    const alert = await this.#find(ctx)
    return this.#decide(ctx, alert, 'alert.cosign_approved', async () => {
      await JointAlerts.approve(alert, ctx.auth.user!)
      return `You approved co-signing this alert. ${alert.organisation.name} can now send it in both names.`
    })
  }

  async decline(ctx: HttpContext) {
    const alert = await this.#find(ctx)
    const { reason } = await ctx.request.validateUsing(declineReasonValidator)
    return this.#decide(ctx, alert, 'alert.cosign_declined', async () => {
      await JointAlerts.decline(alert, ctx.auth.user!, reason)
      return `You declined co-signing this alert. ${alert.organisation.name} has been told your reason.`
    })
  }

  async #find({ params, bouncer }: HttpContext) {
    const alert = await Alert.query()
      .where('id', params.id)
      .preload('organisation')
      .preload('cosignerOrganisation')
      .firstOrFail()
    await bouncer.with('AlertPolicy').authorize('cosign', alert)
    return alert
  }

  async #decide(ctx: HttpContext, alert: Alert, action: string, step: () => Promise<string>) {
    const { session, response } = ctx
    try {
      session.flash('success', await step())
      await JointAlerts.audit(
        ctx,
        alert,
        action,
        alert.cosignReason ? { reason: alert.cosignReason } : {}
      )
    } catch (error) {
      if (!(error instanceof JointAlertRefusal)) throw error
      session.flash('error', error.message)
    }
    return response.redirect().toRoute('staff.joint_alerts.show', { id: alert.id })
  }
}
