import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'
import encryption from '@adonisjs/core/services/encryption'
import type { HttpRequest } from '@adonisjs/core/http'
import env from '#start/env'

const DAY_MS = 24 * 60 * 60 * 1000
const EXPIRY = /^\d{4}-\d{2}-\d{2}$/

// Each kind of link's signature is its own 12 bytes (96 bits) of one HMAC-SHA512: five kinds fit in its 64.
const TAG_BYTES = 12
const SLOTS = Math.floor(64 / TAG_BYTES)
const TAG = /^[A-Za-z0-9_-]{16}$/

function utcDay(time: number) {
  return new Date(time).toISOString().slice(0, 10)
}

let key: KeyObject | null = null

// A key of its own, derived from the app's: these signatures say nothing of APP_KEY's other uses.
function linksKey() {
  key ??= createSecretKey(
    createHmac('sha512', env.get('APP_KEY').release())
      .update('beacon alert link signatures')
      .digest()
  )
  return key
}

// The last recipient's signature: an email's groups ask for the same one in turn (RecipientLinks.valuesFor).
let last: { message: string; digest: Buffer } | null = null

/** The one HMAC a recipient's links for an alert share, each kind reading its own bytes of it. */
function digestFor(residentId: number, alertId: number, expires: string) {
  const message = `${alertId}/${residentId}/${expires}`
  if (last?.message !== message) {
    last = { message, digest: createHmac('sha512', linksKey()).update(message).digest() }
  }
  return last.digest
}

const slotsTaken = new Map<number, string>()

/**
 * Links in an alert that act for one resident without signing in (rating it,
 * sharing it). The path, /alerts/:alertId/<segment>/:residentId/:expires,
 * names the alert, the resident and the link's last day. Its signature is
 * one HMAC-SHA512 of those three under a key derived from the app's, computed
 * once per recipient and alert for all the kinds of link an email carries:
 * each kind takes its own 12 bytes of it (its slot), so no kind's signature
 * fits another kind's link, and knowing one says nothing of the others.
 * (Before, each link was signed on its own with the message verifier; those
 * links still work until they expire, and pages reached from a link, such as
 * a form's own address below the path, are still signed that way.)
 *
 * The expiry is in the signed path rather than the signature, so a link past
 * its date is told apart from a forged one and gets its own page.
 */
export class SignedAlertLinks {
  #today: { day: number; expires: string } | null = null
  #pathPattern: RegExp

  constructor(
    readonly purpose: string,
    readonly lifetimeDays: number,
    readonly segment: string,
    readonly slot: number
  ) {
    if (!Number.isInteger(slot) || slot < 0 || slot >= SLOTS) throw new Error(`No slot ${slot}`)
    const taken = slotsTaken.get(slot)
    if (taken && taken !== purpose) throw new Error(`Slot ${slot} is ${taken}'s`)
    slotsTaken.set(slot, purpose)
    this.#pathPattern = new RegExp(`^/alerts/(\\d+)/${segment}/(\\d+)/(\\d{4}-\\d{2}-\\d{2})$`)
  }

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

  /** The resident's own page for the alert, signed, relative. */
  page(residentId: number, alertId: number, expires: string) {
    return `${this.#path(residentId, alertId, expires)}?signature=${this.#tag(residentId, alertId, expires)}`
  }

  /** A path below the page (a form's own address), signed on its own with the message verifier. */
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
    const url = request.url()
    if (!TAG.test(signature)) {
      return encryption.getMessageVerifier().unsign(signature, this.purpose) === url
    }
    const match = this.#pathPattern.exec(url)
    if (!match) return false
    const [alertId, residentId] = [Number(match[1]), Number(match[2])]
    // Written any other way (a leading zero, a number too large to be exact), the path is not the one signed.
    if (this.#path(residentId, alertId, match[3]) !== url) return false
    const expected = this.#tag(residentId, alertId, match[3])
    return timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  }

  #path(residentId: number, alertId: number, expires: string) {
    return `/alerts/${alertId}/${this.segment}/${residentId}/${expires}`
  }

  #tag(residentId: number, alertId: number, expires: string) {
    const start = this.slot * TAG_BYTES
    return digestFor(residentId, alertId, expires)
      .subarray(start, start + TAG_BYTES)
      .toString('base64url')
  }
}
