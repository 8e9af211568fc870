import { randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'

const references = new WeakMap<HttpContext, string>()

/**
 * A short reference for a request that failed: shown on the error page and
 * written in the log line with the error, so whoever reports the problem can
 * quote it and an operator can find the stack trace. One per request.
 */
export function errorReference(ctx: HttpContext) {
  let reference = references.get(ctx)
  if (!reference) {
    // Eight characters people can read out on the phone: no 0/O or 1/I to confuse.
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
    reference = [...randomBytes(8)].map((byte) => alphabet[byte % alphabet.length]).join('')
    references.set(ctx, reference)
  }
  return reference
}

/** The request's reference if it has failed, for its log lines. */
export function existingErrorReference(ctx: HttpContext) {
  return references.get(ctx)
}
