import encryption from '@adonisjs/core/services/encryption'
import type { HttpRequest } from '@adonisjs/core/http'
import env from '#start/env'

/** Signatures of reply links are for this and nothing else: no other signed link's signature fits. */
export const REPLY_PURPOSE = 'alert-reply'

/** How long a reply link in an alert (or in an answer) works. */
export const REPLY_LINK_DAYS = 90

const DAY_MS = 24 * 60 * 60 * 1000
const EXPIRY = /^\d{4}-\d{2}-\d{2}$/

function utcDay(time: number) {
  return new Date(time).toISOString().slice(0, 10)
}

/**
 * The signed link that lets a resident reply to an alert without signing in,
 * made as the rating links are (alert_rating_links.ts): the app's message
 * verifier signs the path /alerts/:alertId/replies/:residentId/:expires under
 * its own purpose, so the signature binds one resident and one alert. The
 * expiry date is in the signed path, not the signature, so that a link past
 * its date is told apart from a forged one and gets its own page.
 */
export default class ReplyLinks {
  static #today: { day: number; expires: string } | null = null

  /** The last day (UTC) a link made today works: worked out once a day, as every mail asks. */
  static expiry(now = Date.now()) {
    const day = Math.floor(now / DAY_MS)
    if (this.#today?.day !== day) {
      this.#today = { day, expires: utcDay(now + REPLY_LINK_DAYS * DAY_MS) }
    }
    return this.#today.expires
  }

  static isExpired(expires: string, now = Date.now()) {
    return !EXPIRY.test(expires) || utcDay(now) > expires
  }

  /** The resident's reply page (where its form posts too), relative. */
  static page(residentId: number, alertId: number, expires: string) {
    const path = `/alerts/${alertId}/replies/${residentId}/${expires}`
    const signature = encryption.getMessageVerifier().sign(path, undefined, REPLY_PURPOSE)
    return `${path}?signature=${signature}`
  }

  /** The page's full address, for emails. */
  static url(residentId: number, alertId: number, expires = this.expiry()) {
    return `${env.get('APP_URL').replace(/\/$/, '')}${this.page(residentId, alertId, expires)}`
  }

  /** Whether the request's path, and nothing else, is the one signed. */
  static isSigned(request: HttpRequest) {
    const signature = request.qs().signature
    if (typeof signature !== 'string') return false
    return encryption.getMessageVerifier().unsign(signature, REPLY_PURPOSE) === request.url()
  }
}
