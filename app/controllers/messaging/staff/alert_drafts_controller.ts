import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import Alert from '#models/messaging/alert'
import { PRIORITIES } from '#models/messaging/alert'
import AudienceCount from '#services/targeting/audience_count'
import AuditLogger from '#services/platform/audit/audit_logger'
import { alertValidator } from '#validators/messaging/alert'
import { audienceCountValidator } from '#validators/targeting/criteria'
import TargetingForm, { type BuilderValues } from '#services/targeting/targeting_form'
import { describeAudience } from '#services/targeting/audience_wording'
import Segments from '#services/targeting/segments'
import type Segment from '#models/targeting/segment'
import type { AudienceCriteria } from '#services/targeting/audience_query'
import AlertDrafts from '#services/messaging/alert_drafts'
import JointAlerts, { JointAlertRefusal } from '#services/messaging/joint_alerts'
import { cosignerValidator } from '#validators/messaging/joint_alert'
import { ALERT_CATEGORIES } from '#services/messaging/alert_categories'
import { composerAlert } from '#services/messaging/composer_alert'
import alertHookRegistry from '#services/platform/plugins/alert_hook_registry'

function contentFrom(payload: Infer<typeof alertValidator>) {
  return {
    title: payload.title,
    body: payload.body,
    priority: payload.priority,
    category: payload.category ?? null,
    isPublic: payload.isPublic ?? false,
    criteria: TargetingForm.criteriaFrom(payload),
  }
}

/** Composing an alert: the builder (content and target, with the count), and saving a draft or changes to it. */
export default class AlertDraftsController {
  async create(ctx: HttpContext) {
    const { request, membership, bouncer, session } = ctx
    await bouncer.with('AlertPolicy').authorize('create', membership.organisationId)
    const segmentId = Number(request.qs().segment)
    const segment =
      Number.isInteger(segmentId) && segmentId > 0
        ? await Segments.find(membership.organisationId, segmentId)
        : null
    if (segment) await bouncer.with('SegmentPolicy').authorize('use', segment)
    const kept = this.#keptValues(session)
    const form = kept ?? TargetingForm.valuesFromCriteria(segment?.criteria ?? null)
    return this.#renderBuilder(ctx, 'pages/staff/alerts/create', form, {
      criteria: kept ? null : (segment?.criteria ?? null),
      segment,
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, membership, bouncer, auth } = ctx
    await bouncer.with('AlertPolicy').authorize('create', membership.organisationId)
    if (request.input('intent') === 'count') {
      return this.#countPreview(ctx, 'pages/staff/alerts/create', {})
    }
    const payload = await request.validateUsing(alertValidator)
    // A joint alert from the start: the organisation invited to co-sign it (optional).
    const cosigner = request.input('cosignerOrganisationId')
      ? await request.validateUsing(cosignerValidator, {
          data: { organisationId: request.input('cosignerOrganisationId') },
        })
      : null
    const alert = await AlertDrafts.create(
      membership.organisationId,
      auth.user!.id,
      contentFrom(payload)
    )
    // Plugins keep what their composer fields asked (an opt-out), against the saved alert.
    await alertHookRegistry.composerSaved({
      alertId: alert.id,
      organisationId: alert.organisationId,
      fields: request.all(),
    })
    await AuditLogger.record(ctx, {
      action: 'alert.created',
      organisationId: alert.organisationId,
      subjectType: 'alert',
      subjectId: alert.id,
    })
    if (cosigner) await this.#invite(ctx, alert, cosigner.organisationId)
    return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
  }

  async #invite(ctx: HttpContext, alert: Alert, organisationId: number) {
    try {
      const invited = await JointAlerts.invite(alert, organisationId, ctx.auth.user!)
      await JointAlerts.audit(ctx, alert, 'alert.cosign_invited', {
        cosignerOrganisationId: invited.id,
      })
      ctx.session.flash(
        'success',
        `${invited.name} is invited to co-sign this alert. Their approvers have been told by email; it can be sent once they approve.`
      )
    } catch (error) {
      if (!(error instanceof JointAlertRefusal)) throw error
      ctx.session.flash('error', `The draft is saved, but: ${error.message}`)
    }
  }

  async edit(ctx: HttpContext) {
    const { params, response, bouncer, session } = ctx
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('create', alert.organisationId)
    if (!AlertDrafts.isEditable(alert)) {
      session.flash('error', `This alert can no longer be changed: it is ${alert.status}.`)
      return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
    }
    const kept = this.#keptValues(session)
    return this.#renderBuilder(
      ctx,
      'pages/staff/alerts/edit',
      kept ?? TargetingForm.valuesFromCriteria(alert.criteria, alert),
      { criteria: kept ? null : alert.criteria, alert }
    )
  }

  async update(ctx: HttpContext) {
    const { params, request, response, bouncer, session } = ctx
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('create', alert.organisationId)
    if (!AlertDrafts.isEditable(alert)) {
      session.flash('error', `This alert can no longer be changed: it is ${alert.status}.`)
      return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
    }
    if (request.input('intent') === 'count') {
      return this.#countPreview(ctx, 'pages/staff/alerts/edit', { alert })
    }
    const payload = await request.validateUsing(alertValidator)
    // Only while still editable: a send started in the meantime wins.
    const content = contentFrom(payload)
    // Kept through edits: the form does not carry the residents left out for another alert.
    const leftOut = alert.criteria.excludeRecipientsOf
    if (leftOut?.length) content.criteria.excludeRecipientsOf = leftOut
    // And the joint alert's co-signer, whose residents it reaches too.
    const cosigning = alert.criteria.cosigningOrganisationIds
    if (cosigning?.length) content.criteria.cosigningOrganisationIds = cosigning
    const cosignerApproved = alert.cosignStatus === 'approved'
    const changed = await AlertDrafts.update(alert, content)
    if (!changed) {
      session.flash(
        'error',
        'This alert can no longer be changed: it has moved on since you opened it.'
      )
      return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
    }
    await alertHookRegistry.composerSaved({
      alertId: alert.id,
      organisationId: alert.organisationId,
      fields: request.all(),
    })
    await AuditLogger.record(ctx, {
      action: 'alert.updated',
      organisationId: alert.organisationId,
      subjectType: 'alert',
      subjectId: alert.id,
    })
    if (cosignerApproved && (await JointAlerts.askAgainIfWithdrawn(ctx, alert))) {
      session.flash(
        'success',
        'Your changes to the alert have been saved. The co-signing organisation must approve it again.'
      )
      return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
    }
    session.flash('success', 'Your changes to the alert have been saved.')
    return response.redirect().toRoute('staff.alerts.show', { id: alert.id })
  }

  /** After a refusal, or after saving a segment from the builder, the page shows what the sender had entered. */
  #keptValues(session: HttpContext['session']) {
    const flashed = session.flashMessages.all()
    return flashed.inputErrorsBag || flashed.keepBuilder
      ? TargetingForm.valuesFromInput(flashed)
      : null
  }

  /** "Update the count" without JavaScript: the same page, with the sender's entries and the count. */
  async #countPreview(ctx: HttpContext, template: string, extra: { alert?: Alert }) {
    const fields = await ctx.request.validateUsing(audienceCountValidator, {
      data: ctx.request.all(),
    })
    const form = TargetingForm.valuesFromInput(ctx.request.all())
    return this.#renderBuilder(ctx, template, form, {
      criteria: TargetingForm.criteriaFrom(fields),
      ...extra,
    })
  }

  async #renderBuilder(
    { view, membership }: HttpContext,
    template: string,
    form: BuilderValues,
    extra: { criteria: AudienceCriteria | null; alert?: Alert; segment?: Segment | null }
  ) {
    const { criteria } = extra
    const counts =
      criteria && (criteria.areaIds.length || criteria.shape)
        ? await AudienceCount.byChannel({
            organisationId: extra.alert?.organisationId ?? membership.organisationId,
            priority: Number(form.priority) || 1,
            criteria,
          })
        : null
    return view.render(template, {
      ...(await TargetingForm.options()),
      priorities: PRIORITIES,
      categories: ALERT_CATEGORIES,
      form,
      shapeDescription: TargetingForm.shapeDescription(form.shape),
      audienceText: criteria
        ? describeAudience(counts)
        : 'Choose the target, then use “Update the count” to see how many residents it reaches.',
      alert: extra.alert ?? null,
      // Joint alerts: the organisations a new draft may be co-signed with.
      cosignable: extra.alert ? [] : await JointAlerts.invitable(membership.organisationId),
      segment: extra.segment ?? null,
      // For the staff.composer slot: plugins preview their channel's version of what is typed.
      composerAlert: await composerAlert(
        extra.alert?.organisationId ?? membership.organisationId,
        form,
        extra.alert?.id ?? null
      ),
    })
  }
}
