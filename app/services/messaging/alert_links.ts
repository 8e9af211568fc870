import { signedUrlFor, urlFor } from '@adonisjs/core/services/url_builder'
import encryption from '@adonisjs/core/services/encryption'
import env from '#start/env'

// Stands for the resident's id while a route's path is looked up once.
const ID_MARK = 918273645

/**
 * Signs the links of one route for many residents. `signedUrlFor` finds the
 * route by name and builds its URL twice for every link, which cost a send
 * (two links a mail) about as much again as the signatures themselves. Here
 * the path is built once, and each link is the path signed with the app's own
 * message verifier, exactly as `signedUrlFor` signs it (alert_links.spec.ts
 * checks that they are the same links), so the pages verify them as before.
 */
class SignedRouteLinks {
  #parts: string[] | null = null

  constructor(readonly route: 'unsubscribe.show' | 'unsubscribe.one_click') {}

  for(residentId: number) {
    this.#parts ??= urlFor(this.route, { id: ID_MARK }).split(String(ID_MARK))
    if (this.#parts.length !== 2 || !Number.isSafeInteger(residentId)) {
      return signedUrlFor(this.route, { id: residentId }, { prefixUrl: env.get('APP_URL') })
    }
    const path = `${this.#parts[0]}${residentId}${this.#parts[1]}`
    const signature = encryption.getMessageVerifier().sign(path)
    return `${env.get('APP_URL').replace(/\/$/, '')}${path}?signature=${signature}`
  }
}

const unsubscribePage = new SignedRouteLinks('unsubscribe.show')
const oneClickUnsubscribe = new SignedRouteLinks('unsubscribe.one_click')

/**
 * Links that go out in alerts. Signed, so a resident needs no password and
 * nobody can unsubscribe someone else by guessing an id.
 */
export default class AlertLinks {
  static unsubscribePage(residentId: number) {
    return unsubscribePage.for(residentId)
  }

  static oneClickUnsubscribe(residentId: number) {
    return oneClickUnsubscribe.for(residentId)
  }
}
