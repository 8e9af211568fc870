import type { HttpContext } from '@adonisjs/core/http'
import {
  REPLY_KINDS,
  REPLY_KIND_LABELS,
  REPLY_KIND_PLURALS,
  REPLY_MAX_LENGTH,
  REPLY_STATES,
  REPLY_STATE_LABELS,
  REPLY_STATE_TAGS,
} from '#models/engagement/alert_reply'
import type AlertReply from '#models/engagement/alert_reply'
import AuditLogger from '#services/platform/audit/audit_logger'
import ReplyDirectory, { REPLY_SORTS } from '#services/engagement/replies/reply_directory'
import ReplyHandling from '#services/engagement/replies/reply_handling'
import {
  answerValidator,
  assignValidator,
  inboxFiltersValidator,
} from '#validators/engagement/alert_replies'

const labels = {
  states: REPLY_STATES.map((state) => ({ value: state, label: REPLY_STATE_LABELS[state] })),
  kinds: REPLY_KINDS.map((kind) => ({ value: kind, label: REPLY_KIND_PLURALS[kind] })),
  kindLabels: REPLY_KIND_LABELS,
  stateLabels: REPLY_STATE_LABELS,
  stateTags: REPLY_STATE_TAGS,
  sorts: REPLY_SORTS,
}

/** A filter form sends an empty value for "any"; that is no filter rather than a wrong one. */
function chosen(queryString: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(queryString).filter(([, value]) => value !== ''))
}

/**
 * Residents → Inbox: residents' replies to the organisation's alerts, and
 * what staff do with them. Every thread is found in the member's current
 * organisation (another's is "not found"); every action is audited, without
 * the words of the reply or the answer (they stay in the thread, which
 * retention and erasure delete).
 */
export default class ReplyInboxController {
  async index({ request, view, membership, bouncer }: HttpContext) {
    await bouncer.with('ReplyPolicy').authorize('use', membership.organisationId)
    // The form cannot send a wrong value; an edited address can, and gets the whole inbox.
    const [invalid, valid] = await request.tryValidateUsing(inboxFiltersValidator, {
      data: chosen(request.qs()),
    })
    const { page, ...filters } = valid ?? {}
    const replies = await ReplyDirectory.search(membership.organisationId, filters, page ?? 1)
    replies.baseUrl('/staff/inbox').queryString(filters)
    const filtered = Boolean(filters.state || filters.kind || filters.q)
    return view.render('pages/staff/inbox/index', {
      ...labels,
      replies,
      filters,
      filtered,
      unrecognisedFilter: invalid !== null,
      anyReply: filtered
        ? (await ReplyDirectory.countAll(membership.organisationId)) > 0
        : replies.total > 0,
    })
  }

  async show(ctx: HttpContext) {
    const reply = await this.#find(ctx)
    await this.#audit(ctx, reply, 'reply.viewed')
    return ctx.view.render('pages/staff/inbox/show', {
      ...labels,
      reply,
      assignees: await ReplyDirectory.assignees(reply.organisationId),
      maxLength: REPLY_MAX_LENGTH,
      answerRoute: await ReplyHandling.route(reply),
    })
  }

  async assign(ctx: HttpContext) {
    const reply = await this.#find(ctx)
    const { request, session, response } = ctx
    const [errors, valid] = await request.tryValidateUsing(assignValidator)
    if (errors) {
      session.flashValidationErrors(errors)
      return response.redirect().toPath(`/staff/inbox/${reply.id}`)
    }
    const assignee = await ReplyHandling.assign(reply, valid.userId)
    if (!assignee) {
      // Someone who left, or whose role changed, since the page was drawn.
      session.flash('inputErrorsBag', { userId: ['Choose someone from the list'] })
      return response.redirect().toPath(`/staff/inbox/${reply.id}`)
    }
    await this.#audit(ctx, reply, 'reply.assigned', { assignedToId: valid.userId })
    session.flash('success', `Assigned to ${assignee.name}.`)
    return response.redirect().toPath(`/staff/inbox/${reply.id}`)
  }

  async answer(ctx: HttpContext) {
    const reply = await this.#find(ctx)
    const { request, session, response, auth } = ctx
    const [errors, valid] = await request.tryValidateUsing(answerValidator)
    if (errors) {
      session.flashValidationErrors(errors)
      return response.redirect().toPath(`/staff/inbox/${reply.id}#answer`)
    }
    const outcome = await ReplyHandling.answer(reply, valid.body, auth.user!)
    if (outcome === 'closed') {
      session.flash('error', 'This reply is closed. Reopen it to answer.')
    } else if (outcome === 'no_email') {
      session.flash(
        'error',
        'This resident has no email address on record, so your answer was not sent.'
      )
    } else if (typeof outcome === 'object') {
      session.flash('error', `Your answer was not sent: ${outcome.notSent}`)
      // Kept in the box, to send again.
      session.flash('body', valid.body)
    } else {
      await this.#audit(ctx, reply, 'reply.answered')
      const how = outcome === 'texted' ? 'texted' : 'emailed'
      session.flash('success', `Your answer was ${how} to ${reply.resident.name}.`)
    }
    return response.redirect().toPath(`/staff/inbox/${reply.id}`)
  }

  /** Closing asks first. */
  async confirmClose(ctx: HttpContext) {
    const reply = await this.#find(ctx)
    if (reply.state === 'closed') return ctx.response.redirect().toPath(`/staff/inbox/${reply.id}`)
    return ctx.view.render('pages/staff/inbox/close', { reply })
  }

  async close(ctx: HttpContext) {
    const reply = await this.#find(ctx)
    if (reply.state !== 'closed') {
      await ReplyHandling.close(reply)
      await this.#audit(ctx, reply, 'reply.closed')
      ctx.session.flash('success', 'The reply is closed.')
    }
    return ctx.response.redirect().toPath(`/staff/inbox/${reply.id}`)
  }

  async reopen(ctx: HttpContext) {
    const reply = await this.#find(ctx)
    if (reply.state === 'closed') {
      await ReplyHandling.reopen(reply)
      await this.#audit(ctx, reply, 'reply.reopened')
      ctx.session.flash('success', 'The reply is open again.')
    }
    return ctx.response.redirect().toPath(`/staff/inbox/${reply.id}`)
  }

  async #find({ params, membership, bouncer }: HttpContext) {
    await bouncer.with('ReplyPolicy').authorize('use', membership.organisationId)
    return ReplyDirectory.find(membership.organisationId, params.id)
  }

  #audit(
    ctx: HttpContext,
    reply: AlertReply,
    action: string,
    details: Record<string, unknown> = {}
  ) {
    return AuditLogger.record(ctx, {
      action,
      organisationId: reply.organisationId,
      subjectType: 'alert_reply',
      subjectId: reply.id,
      details: { alertId: reply.alertId, residentId: reply.residentId, ...details },
    })
  }
}
