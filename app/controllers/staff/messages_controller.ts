import type { HttpContext } from '@adonisjs/core/http'
import Message from '#models/message'
import { PRIORITIES } from '#models/message'
import Area from '#models/area'
import AreaDirectory from '#services/area_directory'
import AudienceQuery from '#services/audience_query'
import MessageProgress from '#services/message_progress'
import MessageSending, { EmptyAudienceError } from '#services/message_sending'
import MessageControl from '#services/message_control'
import AuditLogger from '#services/audit_logger'
import { messageValidator } from '#validators/message'
import { ALERT_CATEGORIES, categoryLabel } from '#services/alert_categories'

const PAST_TENSE = { pause: 'paused', resume: 'resumed', cancel: 'cancelled' } as const

export default class MessagesController {
  async create({ view, membership, bouncer }: HttpContext) {
    await bouncer.with('MessagePolicy').authorize('create', membership.organisationId)
    const districts = await AreaDirectory.districtsWithWards()
    return view.render('pages/staff/messages/create', {
      districts,
      priorities: PRIORITIES,
      categories: ALERT_CATEGORIES,
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, membership, bouncer, auth } = ctx
    await bouncer.with('MessagePolicy').authorize('create', membership.organisationId)
    const payload = await request.validateUsing(messageValidator)
    const message = await Message.create({
      organisationId: membership.organisationId,
      authorId: auth.user!.id,
      title: payload.title,
      body: payload.body,
      priority: payload.priority,
      category: payload.category ?? null,
      isPublic: payload.isPublic ?? false,
      status: 'draft',
      criteria: { areaIds: payload.areaIds },
    })
    await AuditLogger.record(ctx, {
      action: 'message.created',
      organisationId: message.organisationId,
      subjectType: 'message',
      subjectId: message.id,
    })
    return response.redirect().toRoute('messages.show', { id: message.id })
  }

  async show({ params, view, bouncer }: HttpContext) {
    const message = await Message.query().where('id', params.id).preload('author').firstOrFail()
    await bouncer.with('MessagePolicy').authorize('view', message)

    const areas = await Area.query().whereIn('id', message.criteria.areaIds).orderBy('name')
    const audience =
      message.status === 'draft'
        ? await AudienceQuery.count({
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
      await MessageSending.start(message)
    } catch (error) {
      if (!(error instanceof EmptyAudienceError)) throw error
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
