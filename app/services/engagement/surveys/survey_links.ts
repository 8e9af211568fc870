import encryption from '@adonisjs/core/services/encryption'
import type { HttpRequest } from '@adonisjs/core/http'
import env from '#start/env'
import AlertRatingLinks from '#services/engagement/alert_rating_links'

/** Signatures of survey links are for this and nothing else: no other signed link's signature fits. */
export const SURVEY_PURPOSE = 'alert-survey'

/**
 * A resident's own link to the survey linked to an alert they got:
 * /alerts/:alertId/survey/:residentId/:expires, signed as the rating links
 * are (AlertRatingLinks), so that the email's link costs one signature and no
 * query. The survey is found from the alert when the link is opened. Links
 * expire as rating links do (90 days); the survey's own dates apply as well.
 */
export default class SurveyLinks {
  static page(residentId: number, alertId: number, expires = AlertRatingLinks.expiry()) {
    const path = `/alerts/${alertId}/survey/${residentId}/${expires}`
    const signature = encryption.getMessageVerifier().sign(path, undefined, SURVEY_PURPOSE)
    return `${path}?signature=${signature}`
  }

  static absolute(residentId: number, alertId: number, expires?: string) {
    return `${env.get('APP_URL').replace(/\/$/, '')}${this.page(residentId, alertId, expires)}`
  }

  static isExpired(expires: string) {
    return AlertRatingLinks.isExpired(expires)
  }

  static isSigned(request: HttpRequest) {
    const signature = request.qs().signature
    if (typeof signature !== 'string') return false
    return encryption.getMessageVerifier().unsign(signature, SURVEY_PURPOSE) === request.url()
  }
}
