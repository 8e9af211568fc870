import type { HttpContext } from '@adonisjs/core/http'
import Message from '#models/messaging/message'
import { PRIORITIES, UNSENT_STATUSES } from '#models/messaging/message'
import Area from '#models/areas/area'
import AudienceCount from '#services/targeting/audience_count'
import MessageProgress from '#services/messaging/delivery/message_progress'
import MessageSending, { SendRefusedError } from '#services/messaging/message_sending'
import MessageApproval from '#services/messaging/message_approval'
import MessageControl from '#services/messaging/delivery/message_control'
import OrganisationSuspension from '#services/platform/organisation_suspension'
import AuditLogger from '#services/platform/audit_logger'
import { messageValidator } from '#validators/messaging/message'
import { audienceCountValidator } from '#validators/targeting/criteria'
import TargetingForm, { type BuilderValues } from '#services/targeting/targeting_form'
import { describeAudience } from '#services/targeting/audience_wording'
import Segments from '#services/targeting/segments'
import type Segment from '#models/targeting/segment'
import type { AudienceCriteria } from '#services/targeting/audience_query'
import type { Infer } from '@vinejs/vine/types'
import AlertDrafts from '#services/messaging/alert_drafts'
import { ALERT_CATEGORIES, categoryLabel } from '#services/messaging/alert_categories'

const PAST_TENSE = { pause: 'paused', resume: 'resumed', cancel: 'cancelled' } as const

function contentFrom(payload: Infer<typeof messageValidator>) {
  return {
    title: payload.title,
    body: payload.body,
    priority: payload.priority,
    category: payload.category ?? null,
    isPublic: payload.isPublic ?? false,
    criteria: TargetingForm.criteriaFrom(payload),
  }
}

export default class MessagesController {
  async create(ctx: HttpContext) {
    const { request, membership, bouncer, session } = ctx
    await bouncer.with('MessagePolicy').authorize('create', membership.organisationId)
    const segmentId = Number(request.qs().segment)
    const segment =
      Number.isInteger(segmentId) && segmentId > 0
        ? await Segments.find(membership.organisationId, segmentId)
        : null
    if (segment) await bouncer.with('SegmentPolicy').authorize('use', segment)
    const kept = this.#keptValues(session)
    const form = kept ?? TargetingForm.valuesFromCriteria(segment?.criteria ?? null)
    return this.#renderBuilder(ctx, 'pages/staff/messages/create', form, {
      criteria: kept ? null : (segment?.criteria ?? null),
      segment,
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, membership, bouncer, auth } = ctx
    await bouncer.with('MessagePolicy').authorize('create', membership.organisationId)
    if (request.input('intent') === 'count') {
      return this.#countPreview(ctx, 'pages/staff/messages/create', {})
    }
    const payload = await request.validateUsing(messageValidator)
    const message = await AlertDrafts.create(
      membership.organisationId,
      auth.user!.id,
      contentFrom(payload)
    )
    await AuditLogger.record(ctx, {
      action: 'message.created',
      organisationId: message.organisationId,
      subjectType: 'message',
      subjectId: message.id,
    })
    return response.redirect().toRoute('messages.show', { id: message.id })
  }

  async edit(ctx: HttpContext) {
    const { params, response, bouncer, session } = ctx
    const message = await Message.findOrFail(params.id)
    await bouncer.with('MessagePolicy').authorize('create', message.organisationId)
    if (!AlertDrafts.isEditable(message)) {
      session.flash('error', `This alert can no longer be changed: it is ${message.status}.`)
      return response.redirect().toRoute('messages.show', { id: message.id })
    }
    const kept = this.#keptValues(session)
    return this.#renderBuilder(
      ctx,
      'pages/staff/messages/edit',
      kept ?? TargetingForm.valuesFromCriteria(message.criteria, message),
      { criteria: kept ? null : message.criteria, message }
    )
  }

  async update(ctx: HttpContext) {
    const { params, request, response, bouncer, session } = ctx
    const message = await Message.findOrFail(params.id)
    await bouncer.with('MessagePolicy').authorize('create', message.organisationId)
    if (!AlertDrafts.isEditable(message)) {
      session.flash('error', `This alert can no longer be changed: it is ${message.status}.`)
      return response.redirect().toRoute('messages.show', { id: message.id })
    }
    if (request.input('intent') === 'count') {
      return this.#countPreview(ctx, 'pages/staff/messages/edit', { message })
    }
    const payload = await request.validateUsing(messageValidator)
    // Only while still editable: a send started in the meantime wins.
    const changed = await AlertDrafts.update(message, contentFrom(payload))
    if (!changed) {
      session.flash(
        'error',
        'This alert can no longer be changed: it has moved on since you opened it.'
      )
      return response.redirect().toRoute('messages.show', { id: message.id })
    }
    await AuditLogger.record(ctx, {
      action: 'message.updated',
      organisationId: message.organisationId,
      subjectType: 'message',
      subjectId: message.id,
    })
    session.flash('success', 'Your changes to the alert have been saved.')
    return response.redirect().toRoute('messages.show', { id: message.id })
  }

  /** After a refusal, or after saving a segment from the builder, the page shows what the sender had entered. */
  #keptValues(session: HttpContext['session']) {
    const flashed = session.flashMessages.all()
    return flashed.inputErrorsBag || flashed.keepBuilder
      ? TargetingForm.valuesFromInput(flashed)
      : null
  }

  /** "Update the count" without JavaScript: the same page, with the sender's entries and the count. */
  async #countPreview(ctx: HttpContext, template: string, extra: { message?: Message }) {
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
    extra: { criteria: AudienceCriteria | null; message?: Message; segment?: Segment | null }
  ) {
    const { criteria } = extra
    const counts =
      criteria && (criteria.areaIds.length || criteria.shape)
        ? await AudienceCount.byChannel({
            organisationId: extra.message?.organisationId ?? membership.organisationId,
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
      message: extra.message ?? null,
      segment: extra.segment ?? null,
    })
  }

  async show({ params, view, bouncer, auth }: HttpContext) {
    const message = await Message.query().where('id', params.id).preload('author').firstOrFail()
    await bouncer.with('MessagePolicy').authorize('view', message)
    const workflow = {
      ...(await MessageApproval.pageState(message, auth.user!)),
      canSubmit: await bouncer.with('MessagePolicy').allows('submit', message),
      canApprove: await bouncer.with('MessagePolicy').allows('approve', message),
      canSchedule: await bouncer.with('MessagePolicy').allows('schedule', message),
    }

    const areas = await Area.query().whereIn('id', message.criteria.areaIds).orderBy('name')
    const audience = UNSENT_STATUSES.includes(message.status)
      ? await AudienceCount.total({
          organisationId: message.organisationId,
          priority: message.priority,
          criteria: message.criteria,
        })
      : null
    const progress = await MessageProgress.of(message.id)
    const failures = progress.failed > 0 ? await MessageProgress.failures(message.id) : []
    const canSend = await bouncer.with('MessagePolicy').allows('send', message)
    return view.render('pages/staff/messages/show', {
      message,
      categoryLabel: categoryLabel(message.category),
      areas,
      audience,
      progress,
      failures,
      canSend,
      workflow,
    })
  }

  async progress({ params, response, bouncer }: HttpContext) {
    const message = await Message.findOrFail(params.id)
    await bouncer.with('MessagePolicy').authorize('view', message)
    const counts = await MessageProgress.of(message.id)
    return response.json({ status: message.status, statusReason: message.statusReason, ...counts })
  }

  async send(ctx: HttpContext) {
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
