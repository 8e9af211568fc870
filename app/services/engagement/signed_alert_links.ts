import encryption from '@adonisjs/core/services/encryption'
import type { HttpRequest } from '@adonisjs/core/http'

const DAY_MS = 24 * 60 * 60 * 1000
const EXPIRY = /^\d{4}-\d{2}-\d{2}$/

function utcDay(time: number) {
  return new Date(time).toISOString().slice(0, 10)
}

/**
 * Links in an alert that act for one resident without signing in (rating it,
 * sharing it). The path names the alert, the resident and the link's last
 * day, and is signed with the app's message verifier under a purpose of its
 * own, so no other signed link's signature fits. The expiry is in the signed
 * path rather than the signature, so a link past its date is told apart from
 * a forged one and gets its own page.
 */
export class SignedAlertLinks {
  #today: { day: number; expires: string } | null = null

  constructor(
    readonly purpose: string,
    readonly lifetimeDays: number
  ) {}

  /** The last day (UTC) a link made today works: worked out once a day, as every mail asks. */
  expiry(now = Date.now()) {
    const day = Math.floor(now / DAY_MS)
    if (this.#today?.day !== day) {
      this.#today = { day, expires: utcDay(now + this.lifetimeDays * DAY_MS) }
    }
    return this.#today.expires
  }

  isExpired(expires: string, now = Date.now()) {
    return !EXPIRY.test(expires) || utcDay(now) > expires
  }

  sign(path: string) {
    const signature = encryption.getMessageVerifier().sign(path, undefined, this.purpose)
    return `${path}?signature=${signature}`
  }

  /**
   * Whether the request's path is the one signed, ignoring other parameters.
   * (The router's hasValidSignature() would count every parameter but the signature.)
   */
  isSigned(request: HttpRequest) {
    const signature = request.qs().signature
    if (typeof signature !== 'string') return false
    return encryption.getMessageVerifier().unsign(signature, this.purpose) === request.url()
  }
}
