import { randomUUID } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import { ReadOnlyValuesStore } from '@adonisjs/session'
import type { HttpContext } from '@adonisjs/core/http'
import { redisKey } from '#services/platform/infrastructure/redis_keys'

/** What is never sent back to a form, as the session package leaves it out too. */
const NEVER_FLASHED = ['_csrf', '_method', 'password', 'password_confirmation']
/** Input up to this size goes back in the session cookie, as usual. */
const COOKIE_BYTES = 1024
/** Long enough to read the errors and correct the form. */
const KEPT_SECONDS = 30 * 60
const REFERENCE = 'flashedInputRef'

const keyOf = (reference: string) => redisKey('flashed-input', reference)

/**
 * A form sent back with its mistakes gets its input again on the next page
 * (old()). The session package flashes it into the session cookie, but a
 * browser keeps at most 4 KB of one cookie and drops a longer one without a
 * word, errors and all: an alert's text or a site page would come back empty.
 * Long input is kept in Redis for the next request instead, and the cookie
 * carries only a reference to it.
 */
export default class FlashedInput {
  static async keep(ctx: HttpContext) {
    const input = { ...ctx.request.all() }
    for (const field of NEVER_FLASHED) delete input[field]
    const json = JSON.stringify(input)
    if (Buffer.byteLength(json) <= COOKIE_BYTES) {
      ctx.session.flash(input)
      return
    }
    const reference = randomUUID()
    await redis.set(keyOf(reference), json, 'EX', KEPT_SECONDS)
    ctx.session.flash(REFERENCE, reference)
  }

  /** On the page after: the kept input back where the templates read it (flashMessages, old()). */
  static async restore(ctx: HttpContext) {
    const reference = ctx.session?.flashMessages.get(REFERENCE)
    if (typeof reference !== 'string') return
    const json = await redis.getdel(keyOf(reference))
    if (!json) return
    ctx.session.flashMessages.merge(JSON.parse(json))
    ctx.view.share({ flashMessages: new ReadOnlyValuesStore(ctx.session.flashMessages.all()) })
  }
}
