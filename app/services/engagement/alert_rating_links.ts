import type { HttpRequest } from '@adonisjs/core/http'
import env from '#start/env'
import { SignedAlertLinks } from '#services/engagement/signed_alert_links'
import { RATINGS, RATING_SLUGS, type Rating } from '#models/engagement/alert_rating'

/**
 * The message verifier's purpose for rating links signed on their own (links sent before 2026-12-07, and the comment form's address):
 * no other signed link's signature fits them. The email's links are told apart by their
 * slot in SignedAlertLinks.
 */
export const RATING_PURPOSE = 'alert-rating'

/** How long a rating link in an alert works. */
export const RATING_LINK_DAYS = 90

/**
 * The signed links that let a resident rate an alert without signing in.
 *
 * The signature binds one resident and one alert: it signs the path of the
 * resident's rating page, /alerts/:alertId/ratings/:residentId/:expires, as
 * the other links in an alert are signed (SignedAlertLinks, sharing one HMAC
 * per recipient with them but fitting no other kind of link). The email's
 * three links are that page with `?choice=` added outside the signature: the
 * choice only preselects a radio button on a page that records nothing until
 * the resident presses its button, so signing it would buy nothing.
 *
 * The expiry date is part of the signed path, not of the signature
 * (SignedAlertLinks).
 */
export default class AlertRatingLinks {
  static #links = new SignedAlertLinks(RATING_PURPOSE, RATING_LINK_DAYS, 'ratings', 0)

  /** The last day (UTC) a link made today works. */
  static expiry(now = Date.now()) {
    return this.#links.expiry(now)
  }

  static isExpired(expires: string, now = Date.now()) {
    return this.#links.isExpired(expires, now)
  }

  /** The resident's rating page (where its forms post too), relative. */
  static page(residentId: number, alertId: number, expires: string) {
    return this.#links.page(residentId, alertId, expires)
  }

  /** The email's links: the rating page with each choice preselected, by rating; one signature for all. */
  static choices(residentId: number, alertId: number, expires = this.expiry()) {
    const page = `${env.get('APP_URL').replace(/\/$/, '')}${this.page(residentId, alertId, expires)}`
    const links = {} as Record<Rating, string>
    for (const rating of RATINGS) links[rating] = `${page}&choice=${RATING_SLUGS[rating]}`
    return links
  }

  static comment(residentId: number, alertId: number, expires: string) {
    return this.#signed(`/alerts/${alertId}/ratings/${residentId}/${expires}/comment`)
  }

  /** Whether the request's path is the one signed, ignoring `choice`. */
  static isSigned(request: HttpRequest) {
    return this.#links.isSigned(request)
  }

  static #signed(path: string) {
    return this.#links.sign(path)
  }
}
