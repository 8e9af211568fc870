import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import AlertDrafts from '#services/messaging/alert_drafts'
import JointAlerts, { JointAlertRefusal } from '#services/messaging/joint_alerts'
import { cosignerValidator } from '#validators/messaging/joint_alert'

/**
 * The draft's organisation invites another organisation of the install to
 * co-sign it, or takes the invitation back.
 */
export default class JointAlertInvitationsController {
  async store(ctx: HttpContext) {
    const { request, session, auth } = ctx
    const alert = await this.#editable(ctx)
    if (!alert) return this.#back(ctx)
    const { organisationId } = await request.validateUsing(cosignerValidator)
    try {
      const cosigner = await JointAlerts.invite(alert, organisationId, auth.user!)
      await JointAlerts.audit(ctx, alert, 'alert.cosign_invited', {
        cosignerOrganisationId: cosigner.id,
      })
      session.flash(
        'success',
        `${cosigner.name} is invited to co-sign this alert. Their approvers have been told by email; it can be sent once they approve.`
      )
    } catch (error) {
      if (!(error instanceof JointAlertRefusal)) throw error
      session.flash('error', error.message)
    }
    return this.#back(ctx)
  }

  async destroy(ctx: HttpContext) {
    const { session } = ctx
    const alert = await this.#editable(ctx)
    if (!alert) return this.#back(ctx)
    if (!alert.cosignerOrganisationId) {
      session.flash('error', 'This alert has no co-signer.')
      return this.#back(ctx)
    }
    try {
      // Audited before the co-signer is removed, so that their log has it too.
      await JointAlerts.audit(ctx, alert, 'alert.cosign_removed', {
        cosignerOrganisationId: alert.cosignerOrganisationId,
      })
      await JointAlerts.removeCosigner(alert)
      session.flash(
        'success',
        'The co-signer was removed: the alert is from your organisation alone.'
      )
    } catch (error) {
      if (!(error instanceof JointAlertRefusal)) throw error
      session.flash('error', error.message)
    }
    return this.#back(ctx)
  }

  async #editable({ params, bouncer, session }: HttpContext) {
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('create', alert.organisationId)
    if (!AlertDrafts.isEditable(alert)) {
      session.flash('error', `This alert can no longer be changed: it is ${alert.statusLabel}.`)
      return null
    }
    return alert
  }

  #back({ params, response }: HttpContext) {
    return response.redirect().toRoute('staff.alerts.show', { id: params.id })
  }
}
