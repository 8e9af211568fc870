import { randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import AlertForwards, { EMAIL_FORWARDS_PER_DAY } from '#services/engagement/alert_forwards'
import AlertShareLinks from '#services/engagement/alert_share_links'
import ForwardMail from '#services/engagement/forward_mail'
import { maskedEmail } from '#services/residents/contacts/contact_masking'
import { shareByEmailValidator } from '#validators/engagement/alert_forwards'

type Verified = {
  subject: NonNullable<Awaited<ReturnType<typeof AlertForwards.subject>>>
  expires: string
}

/**
 * A resident shares an alert they got, from the signed link in it: a link of
 * their own to pass on, or an email Beacon sends to a neighbour for them.
 * What they share is counted as theirs; the neighbour's address is not kept.
 */
export default class AlertSharesController {
  async show(ctx: HttpContext) {
    const verified = await this.#verify(ctx)
    if (typeof verified === 'string') return verified
    const { alert, resident } = verified.subject
    const forward = await AlertForwards.linkFor(alert, resident.id)
    this.#own(ctx.session, forward.code)
    return ctx.view.render('pages/forwards/share', {
      alert,
      forwardUrl: ForwardMail.forwardUrl(forward.code),
      action: AlertShareLinks.page(resident.id, alert.id, verified.expires),
      fromName: resident.name,
      perDay: EMAIL_FORWARDS_PER_DAY,
    })
  }

  async email(ctx: HttpContext) {
    const verified = await this.#verify(ctx)
    if (typeof verified === 'string') return verified
    const { alert, resident } = verified.subject
    const back = AlertShareLinks.page(resident.id, alert.id, verified.expires)
    const [errors, valid] = await ctx.request.tryValidateUsing(shareByEmailValidator)
    if (errors) {
      ctx.session.flashValidationErrors(errors)
      return ctx.response.redirect().toPath(back)
    }
    if (!(await AlertForwards.mayEmail(resident.id))) {
      ctx.session.flashAll()
      ctx.session.flash('inputErrorsBag', {
        email: [ctx.i18n.t('alerts.share.too_many', { perDay: String(EMAIL_FORWARDS_PER_DAY) })],
      })
      return ctx.response.redirect().toPath(back)
    }
    const forward = await AlertForwards.emailed(alert, resident.id)
    this.#own(ctx.session, forward.code)
    await ForwardMail.send(alert, forward.code, { to: valid.email, fromName: valid.fromName })
    ctx.session.flash(
      'success',
      ctx.i18n.t('alerts.share.sent', { email: maskedEmail(valid.email) })
    )
    return ctx.response.redirect().toPath(back)
  }

  /** The resident's own forwards: their opening them is not a neighbour reached. */
  #own(session: HttpContext['session'], code: string) {
    const codes: string[] = session.get('ownForwards', [])
    if (!codes.includes(code)) session.put('ownForwards', [...codes, code].slice(-50))
    if (!session.get('visitorId')) session.put('visitorId', randomBytes(16).toString('hex'))
  }

  async #verify(ctx: HttpContext): Promise<Verified | string> {
    const { request, params } = ctx
    if (!AlertShareLinks.isSigned(request)) return this.#refuse(ctx, 'invalid')
    if (AlertShareLinks.isExpired(params.expires)) return this.#refuse(ctx, 'expired')
    if (Number(params.residentId) === 0) return this.#refuse(ctx, 'test')
    const subject = await AlertForwards.subject(Number(params.alertId), Number(params.residentId))
    if (!subject) return this.#refuse(ctx, 'invalid')
    return { subject, expires: params.expires }
  }

  async #refuse({ response, view }: HttpContext, reason: 'invalid' | 'expired' | 'test') {
    response.status(reason === 'invalid' ? 404 : reason === 'expired' ? 410 : 200)
    return view.render('pages/forwards/refused', { reason })
  }
}
