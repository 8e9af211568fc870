import type { HttpContext } from '@adonisjs/core/http'
import { shortLinkFailures } from '#start/limiter'
import RatingShortLinks from '#services/engagement/rating_short_links'

/**
 * /r/<code>, the short rating link in texts and push notifications: on to the
 * resident's signed rating page (which records nothing until they press its
 * button), or a page saying plainly why the link does not work. Only codes
 * that match nothing count towards the address's limit: a resident opening
 * their own link again is never slowed.
 */
export default class RatingShortLinksController {
  async show({ params, request, response, view }: HttpContext) {
    const failures = shortLinkFailures()
    const key = `short-link:${request.ip()}`
    const counted = await failures.get(key)
    if (counted && counted.remaining <= 0) {
      response.header('Retry-After', String(counted.availableIn))
      response.status(429)
      return view.render('pages/alerts/rating_refused', { reason: 'too_many' })
    }
    const target = await RatingShortLinks.resolve(String(params.code))
    if (target.kind === 'page') return response.redirect().toPath(target.path)
    if (target.kind === 'invalid') await failures.increment(key)
    response.status(target.kind === 'expired' ? 410 : 404)
    return view.render('pages/alerts/rating_refused', { reason: target.kind })
  }
}
