import type { HttpContext } from '@adonisjs/core/http'

const SESSION_KEY = 'signUpReferral'
/** "<what>:<id>", e.g. "forward:42": short enough for residents.referral, and nothing a visitor can inject. */
const REFERRAL = /^[a-z_]{1,20}:\d{1,12}$/

/**
 * What brought a visitor to sign up, remembered in their session by a later
 * module (engagement, for a neighbour's shared alert) and saved with the
 * registration, without the residents module knowing what it means.
 */
export default class SignUpReferral {
  static remember(session: HttpContext['session'], referral: string) {
    if (REFERRAL.test(referral)) session.put(SESSION_KEY, referral)
  }

  /** The referral, once: a second sign-up from the same browser is not counted again. */
  static take(session: HttpContext['session']) {
    const referral = session.pull(SESSION_KEY, null)
    return typeof referral === 'string' && REFERRAL.test(referral) ? referral : null
  }
}
