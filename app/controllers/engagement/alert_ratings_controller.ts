import type { HttpContext } from '@adonisjs/core/http'
import type { ValidationError } from '@vinejs/vine'
import { RATING_LABELS, ratingFromSlug } from '#models/engagement/alert_rating'
import AlertRatings, { type RatingSubject } from '#services/engagement/alert_ratings'
import AlertRatingLinks from '#services/engagement/alert_rating_links'
import RatingPage from '#services/engagement/rating_page'
import { ratingCommentValidator, ratingValidator } from '#validators/engagement/alert_ratings'

type Verified = { subject: RatingSubject; expires: string }

/**
 * A resident rates an alert from the signed links in it. Opening a link only
 * shows a page (mail scanners follow links): the resident's button press, a
 * POST with its CSRF token, records. Every address here is signed for one
 * resident and one alert; a forged, altered or expired one records nothing.
 */
export default class AlertRatingsController {
  /**
   * The resident's rating page. From the email (?choice=…) it shows the
   * choices with the one clicked already chosen; later, what they chose and
   * a box for a comment.
   */
  async show(ctx: HttpContext) {
    const verified = await this.#verify(ctx)
    if (typeof verified === 'string') return verified
    const choice = ctx.request.qs().choice
    const chosen = typeof choice === 'string' ? ratingFromSlug(choice) : null
    return RatingPage.render(ctx.view, verified.subject, verified.expires, chosen)
  }

  async store(ctx: HttpContext) {
    const verified = await this.#verify(ctx)
    if (typeof verified === 'string') return verified
    const [errors, valid] = await ctx.request.tryValidateUsing(ratingValidator)
    // Back to the signed page, whatever the browser's Referer says: the errors go with it.
    if (errors) return this.#backWith(ctx, verified, errors)
    const { rating } = valid
    await AlertRatings.rate(verified.subject, rating)
    const label = ctx.i18n.t(`alerts.rating.${rating}`, {}, RATING_LABELS[rating])
    ctx.session.flash('success', ctx.i18n.t('alerts.rating.thank_you', { rating: label }))
    return ctx.response.redirect().toPath(this.#pagePath(verified))
  }

  async comment(ctx: HttpContext) {
    const verified = await this.#verify(ctx)
    if (typeof verified === 'string') return verified
    // A comment belongs to a rating: without one (erased meanwhile), the page asks for the rating first.
    if (!verified.subject.current) return ctx.response.redirect().toPath(this.#pagePath(verified))
    const [errors, valid] = await ctx.request.tryValidateUsing(ratingCommentValidator)
    if (errors) return this.#backWith(ctx, verified, errors)
    await AlertRatings.comment(verified.subject, valid.comment)
    ctx.session.flash('success', ctx.i18n.t('alerts.rating.thank_you_comment'))
    return ctx.response.redirect().toPath(this.#pagePath(verified))
  }

  #backWith({ session, response }: HttpContext, verified: Verified, errors: ValidationError) {
    session.flashValidationErrors(errors)
    return response.redirect().toPath(this.#pagePath(verified))
  }

  #pagePath({ subject, expires }: Verified) {
    return AlertRatingLinks.page(subject.residentId, subject.alert.id, expires)
  }

  async #verify(ctx: HttpContext): Promise<Verified | string> {
    const { request, params } = ctx
    if (!AlertRatingLinks.isSigned(request)) return this.#refuse(ctx, 'invalid')
    if (AlertRatingLinks.isExpired(params.expires)) return this.#refuse(ctx, 'expired')
    // "Send a test to me" carries links for nobody: they explain themselves.
    if (Number(params.residentId) === 0) return this.#refuse(ctx, 'test')
    const subject = await AlertRatings.subject(Number(params.alertId), Number(params.residentId))
    if (!subject) return this.#refuse(ctx, 'invalid')
    return { subject, expires: params.expires }
  }

  async #refuse({ response, view }: HttpContext, reason: 'invalid' | 'expired' | 'test') {
    response.status(reason === 'invalid' ? 404 : reason === 'expired' ? 410 : 200)
    return view.render('pages/alerts/rating_refused', { reason })
  }
}
