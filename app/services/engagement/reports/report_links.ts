import type { HttpRequest } from '@adonisjs/core/http'
import env from '#start/env'
import { SignedAlertLinks } from '#services/engagement/signed_alert_links'

/**
 * The message verifier's purpose for report links signed on their own (links sent before 2026-12-07, and the report form's address):
 * no other signed link's signature fits them. The email's links are told apart by their
 * slot in SignedAlertLinks.
 */
export const REPORT_PURPOSE = 'alert-report'

export const REPORT_LINK_DAYS = 90

const links = new SignedAlertLinks(REPORT_PURPOSE, REPORT_LINK_DAYS, 'tell-us', 2)

/**
 * "Tell us something about this alert" in an alert's email: the signed path
 * /alerts/:alertId/tell-us/:residentId/:expires is the emergency guidance,
 * and the same path with /report the form; each is signed for one resident
 * and one alert (SignedAlertLinks: the guidance as the email's other links,
 * the form, made on the page, on its own), so the resident need not sign in.
 */
export default class ReportLinks {
  static expiry(now = Date.now()) {
    return links.expiry(now)
  }

  static isExpired(expires: string, now = Date.now()) {
    return links.isExpired(expires, now)
  }

  static guidance(residentId: number, alertId: number, expires: string) {
    return links.page(residentId, alertId, expires)
  }

  static form(residentId: number, alertId: number, expires: string) {
    return links.sign(`/alerts/${alertId}/tell-us/${residentId}/${expires}/report`)
  }

  static url(residentId: number, alertId: number, expires = this.expiry()) {
    return `${env.get('APP_URL').replace(/\/$/, '')}${this.guidance(residentId, alertId, expires)}`
  }

  static isSigned(request: HttpRequest) {
    return links.isSigned(request)
  }
}
