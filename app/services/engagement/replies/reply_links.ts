import type { HttpRequest } from '@adonisjs/core/http'
import env from '#start/env'
import { SignedAlertLinks } from '#services/engagement/signed_alert_links'

/**
 * The message verifier's purpose for reply links signed on their own (links sent before 2026-12-07):
 * no other signed link's signature fits them. The email's links are told apart by their
 * slot in SignedAlertLinks.
 */
export const REPLY_PURPOSE = 'alert-reply'

/** How long a reply link in an alert (or in an answer) works. */
export const REPLY_LINK_DAYS = 90

const links = new SignedAlertLinks(REPLY_PURPOSE, REPLY_LINK_DAYS, 'replies', 1)

/**
 * The signed link that lets a resident reply to an alert without signing in,
 * made as the rating links are (SignedAlertLinks): the path
 * /alerts/:alertId/replies/:residentId/:expires is signed in a slot of its
 * own, so the signature binds one resident and one alert and fits no other kind of link.
 */
export default class ReplyLinks {
  /** The last day (UTC) a link made today works. */
  static expiry(now = Date.now()) {
    return links.expiry(now)
  }

  static isExpired(expires: string, now = Date.now()) {
    return links.isExpired(expires, now)
  }

  /** The resident's reply page (where its form posts too), relative. */
  static page(residentId: number, alertId: number, expires: string) {
    return links.page(residentId, alertId, expires)
  }

  /** The page's full address, for emails. */
  static url(residentId: number, alertId: number, expires = this.expiry()) {
    return `${env.get('APP_URL').replace(/\/$/, '')}${this.page(residentId, alertId, expires)}`
  }

  /** Whether the request's path, and nothing else, is the one signed. */
  static isSigned(request: HttpRequest) {
    return links.isSigned(request)
  }
}
