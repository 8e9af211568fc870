import type { HttpContext } from '@adonisjs/core/http'

const SESSION_KEY = 'residentId'
const BROWSER_COOKIE = 'beacon-resident'

type Context = Pick<HttpContext, 'session' | 'request' | 'response'>

/**
 * A resident's signed-in session: only their subscriber id, in the session.
 *
 * The session cookie itself outlives the browser (config/session.ts keeps it
 * for two hours, for staff), so a second cookie without an expiry marks the
 * browser session; when the browser closes it goes, and the resident is
 * signed out.
 */
export default class ResidentSession {
  static start({ session, response }: Context, subscriberId: number) {
    // A new session id, so an id planted before sign-in is worth nothing after it.
    session.regenerate()
    session.put(SESSION_KEY, subscriberId)
    response.cookie(BROWSER_COOKIE, String(subscriberId), { maxAge: undefined })
  }

  static residentId({ session, request }: Context): number | null {
    const id = Number(session.get(SESSION_KEY))
    if (!Number.isInteger(id) || id <= 0) return null
    return request.cookie(BROWSER_COOKIE) === String(id) ? id : null
  }

  static end({ session, response }: Context) {
    session.forget(SESSION_KEY)
    response.clearCookie(BROWSER_COOKIE)
  }
}
