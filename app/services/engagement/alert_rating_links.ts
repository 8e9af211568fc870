import { DateTime } from 'luxon'
import encryption from '@adonisjs/core/services/encryption'
import env from '#start/env'
import { RATING_SLUGS, type Rating } from '#models/engagement/alert_rating'

/** Signatures of rating links are for this and nothing else: no other signed link's signature fits. */
export const RATING_PURPOSE = 'alert-rating'

/** How long a rating link in an alert works. */
export const RATING_LINK_DAYS = 90

const EXPIRY = /^\d{4}-\d{2}-\d{2}$/

/**
 * The signed links that let a resident rate an alert without signing in, one
 * per (resident, alert, rating). The expiry date is part of the signed path
 * (…/2027-03-07), not of the signature, so that a link past its date can be
 * told apart from a forged one and gets its own page; and each link costs one
 * HMAC, since every email carries three (RecipientLinks).
 *
 * The paths must be the routes' (start/routes/engagement.ts); a test follows
 * a link to prove it.
 */
export default class AlertRatingLinks {
  /** The last day (UTC) a link made today works. */
  static expiry(now = DateTime.utc()) {
    return now.toUTC().plus({ days: RATING_LINK_DAYS }).toISODate()!
  }

  static isExpired(expires: string, now = DateTime.utc()) {
    return !EXPIRY.test(expires) || now.toUTC().toISODate()! > expires
  }

  /** The link in an email: the page that asks the resident to confirm this rating. */
  static choice(residentId: number, alertId: number, rating: Rating, expires = this.expiry()) {
    return this.#absolute(
      `/alerts/${alertId}/rate/${residentId}/${RATING_SLUGS[rating]}/${expires}`
    )
  }

  /** The resident's rating page (and where the confirmation form posts): relative, for forms. */
  static page(residentId: number, alertId: number, expires: string) {
    return this.#signed(`/alerts/${alertId}/ratings/${residentId}/${expires}`)
  }

  static comment(residentId: number, alertId: number, expires: string) {
    return this.#signed(`/alerts/${alertId}/ratings/${residentId}/${expires}/comment`)
  }

  static #signed(path: string) {
    const signature = encryption.getMessageVerifier().sign(path, undefined, RATING_PURPOSE)
    return `${path}?signature=${signature}`
  }

  static #absolute(path: string) {
    return `${env.get('APP_URL').replace(/\/$/, '')}${this.#signed(path)}`
  }
}
