import type { HttpContext } from '@adonisjs/core/http'
import { REPLY_MAX_LENGTH } from '#models/engagement/alert_reply'
import ReplyInbox, { type ReplySubject } from '#services/engagement/replies/reply_inbox'
import ReplyLinks from '#services/engagement/replies/reply_links'
import { replyValidator } from '#validators/engagement/alert_replies'

type Verified = { subject: ReplySubject; expires: string }

/**
 * A resident replies to the organisation that sent them an alert, from the
 * signed link in it ("Reply to the sender"). Opening the link only shows the
 * form; the resident's button press, a POST with its CSRF token, records.
 * Every address here is signed for one resident and one alert; a forged,
 * altered or expired one records nothing.
 */
export default class AlertRepliesController {
  async show(ctx: HttpContext) {
    const verified = await this.#verify(ctx)
    if (typeof verified === 'string') return verified
    const { alert, thread } = verified.subject
    return ctx.view.render('pages/alerts/reply', {
      alert,
      organisationName: alert.organisation.name,
      messages: (thread?.messages ?? []).map((message) => ({
        fromYou: message.author === 'resident',
        body: message.body,
        when: message.createdAt,
      })),
      action: this.#pagePath(verified),
      maxLength: REPLY_MAX_LENGTH,
    })
  }

  async store(ctx: HttpContext) {
    const verified = await this.#verify(ctx)
    if (typeof verified === 'string') return verified
    const { session, response } = ctx
    const [errors, valid] = await ctx.request.tryValidateUsing(replyValidator)
    // Back to the signed page, whatever the browser's Referer says: the errors go with it.
    if (errors) {
      session.flashValidationErrors(errors)
      return response.redirect().toPath(this.#pagePath(verified))
    }
    await ReplyInbox.receive({
      residentId: verified.subject.resident.id,
      alertId: verified.subject.alert.id,
      body: valid.body,
      via: 'web',
    })
    session.flash(
      'success',
      ctx.i18n.t('alerts.reply.sent', { organisation: verified.subject.alert.organisation.name })
    )
    return response.redirect().toPath(this.#pagePath(verified))
  }

  #pagePath({ subject, expires }: Verified) {
    return ReplyLinks.page(subject.resident.id, subject.alert.id, expires)
  }

  async #verify(ctx: HttpContext): Promise<Verified | string> {
    const { request, params } = ctx
    if (!ReplyLinks.isSigned(request)) return this.#refuse(ctx, 'invalid')
    if (ReplyLinks.isExpired(params.expires)) return this.#refuse(ctx, 'expired')
    // "Send a test to me" carries links for nobody: they explain themselves.
    if (Number(params.residentId) === 0) return this.#refuse(ctx, 'test')
    const subject = await ReplyInbox.subject(Number(params.alertId), Number(params.residentId))
    if (!subject) return this.#refuse(ctx, 'invalid')
    return { subject, expires: params.expires }
  }

  async #refuse({ response, view }: HttpContext, reason: 'invalid' | 'expired' | 'test') {
    response.status(reason === 'invalid' ? 404 : reason === 'expired' ? 410 : 200)
    return view.render('pages/alerts/reply_refused', { reason })
  }
}
