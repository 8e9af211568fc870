import type { HttpRequest } from '@adonisjs/core/http'
import env from '#start/env'
import { SignedAlertLinks } from '#services/engagement/signed_alert_links'

/**
 * The message verifier's purpose for survey links signed on their own (links sent before 2026-12-07):
 * no other signed link's signature fits them. The email's links are told apart by their
 * slot in SignedAlertLinks.
 */
export const SURVEY_PURPOSE = 'alert-survey'

/** How long a survey link in an alert works (the survey's own dates apply as well). */
export const SURVEY_LINK_DAYS = 90

const links = new SignedAlertLinks(SURVEY_PURPOSE, SURVEY_LINK_DAYS, 'survey', 4)

/**
 * A resident's own link to the survey linked to an alert they got:
 * /alerts/:alertId/survey/:residentId/:expires, signed as the other alert
 * links are (SignedAlertLinks), so that the email's link costs no query and
 * shares its signature's HMAC with the recipient's other links. The survey is found from the alert when the link is opened.
 */
export default class SurveyLinks {
  static page(residentId: number, alertId: number, expires = links.expiry()) {
    return links.page(residentId, alertId, expires)
  }

  static absolute(residentId: number, alertId: number, expires?: string) {
    return `${env.get('APP_URL').replace(/\/$/, '')}${this.page(residentId, alertId, expires)}`
  }

  static isExpired(expires: string) {
    return links.isExpired(expires)
  }

  static isSigned(request: HttpRequest) {
    return links.isSigned(request)
  }
}
