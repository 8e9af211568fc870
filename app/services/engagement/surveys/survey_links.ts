import type { HttpRequest } from '@adonisjs/core/http'
import env from '#start/env'
import { SignedAlertLinks } from '#services/engagement/signed_alert_links'

/** Signatures of survey links are for this and nothing else: no other signed link's signature fits. */
export const SURVEY_PURPOSE = 'alert-survey'

/** How long a survey link in an alert works (the survey's own dates apply as well). */
export const SURVEY_LINK_DAYS = 90

const links = new SignedAlertLinks(SURVEY_PURPOSE, SURVEY_LINK_DAYS)

/**
 * A resident's own link to the survey linked to an alert they got:
 * /alerts/:alertId/survey/:residentId/:expires, signed as the other alert
 * links are (SignedAlertLinks), so that the email's link costs one signature
 * and no query. The survey is found from the alert when the link is opened.
 */
export default class SurveyLinks {
  static page(residentId: number, alertId: number, expires = links.expiry()) {
    return links.sign(`/alerts/${alertId}/survey/${residentId}/${expires}`)
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
