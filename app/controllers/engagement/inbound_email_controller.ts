import { createHmac, timingSafeEqual } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import config from '@adonisjs/core/services/config'
import logger from '@adonisjs/core/services/logger'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { inboundEmailFailures, inboundEmailPerResident } from '#start/limiter'
import InboundEmail from '#services/engagement/replies/inbound_email'

// The relay's clock may differ a little; a signed request older than this is a replay.
const MAX_SKEW_SECONDS = 300

/** The request's body, up to `limit` bytes; null when longer. */
async function rawBody(ctx: HttpContext, limit: number): Promise<Buffer | null> {
  const declared = Number(ctx.request.header('content-length') ?? 0)
  if (declared > limit) return null
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of ctx.request.request) {
    size += chunk.length
    if (size > limit) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

function signatureValid(secret: string, timestamp: string, body: Buffer, given: string) {
  if (!/^\d{1,12}$/.test(timestamp)) return false
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return false
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest()
  const match = /^sha256=([0-9a-f]{64})$/i.exec(given.trim())
  return match !== null && timingSafeEqual(expected, Buffer.from(match[1], 'hex'))
}

/**
 * POST /inbound/email: the mail relay hands over a message sent to a reply
 * address (replies+<token>@…), raw (Content-Type: message/rfc822), signed
 * with the secret it shares with the install (INBOUND_EMAIL_SECRET):
 * X-Beacon-Timestamp (Unix seconds) and X-Beacon-Signature
 * (sha256=<hex HMAC-SHA256 of "<timestamp>." and the body>). Exempt from CSRF
 * for that reason (config/shield.ts): nothing is read before the signature
 * is checked. The answer's status tells the relay what to do: 2xx done,
 * 4xx bounce (no retry), 5xx try again later.
 */
export default class InboundEmailController {
  async receive(ctx: HttpContext) {
    const { request, response } = ctx
    const secret = String(config.get('beacon.replies.inboundSecret', '') ?? '')
    if (secret.length < 32) return response.notFound('Replies by email are not set up')

    const failures = inboundEmailFailures()
    const address = `inbound-email:${request.ip()}`
    const counted = await failures.get(address)
    if (counted && counted.remaining <= 0) {
      response.header('Retry-After', String(counted.availableIn))
      return response.tooManyRequests('Too many requests')
    }

    const limit = config.get<number>('beacon.replies.inboundMaxBytes')
    const body = await rawBody(ctx, limit)
    if (body === null) return response.status(413).send('The message is too large')
    const timestamp = request.header('x-beacon-timestamp') ?? ''
    const signature = request.header('x-beacon-signature') ?? ''
    if (!signatureValid(secret, timestamp, body, signature)) {
      await failures.increment(address)
      logger.warn({ ip: request.ip() }, 'inbound email refused: bad signature')
      return response.unauthorized('Unauthorized')
    }

    const outcome = await InboundEmail.receive(body, async (residentId) => {
      try {
        await inboundEmailPerResident().consume(`inbound-email-resident:${residentId}`)
        return true
      } catch (error) {
        if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) return false
        throw error
      }
    })
    switch (outcome.kind) {
      case 'received':
        return response.status(202).send('Received')
      case 'duplicate':
        return response.status(202).send('Already received')
      case 'ignored':
        return response.status(202).send(`Not added: ${outcome.reason}`)
      case 'unreadable':
        return response.status(422).send('The message could not be read')
      case 'limited':
        return response.status(429).send('Too many replies from this resident; try later')
      case 'refused':
        return response.status(422).send(`Refused: ${outcome.reason}`)
    }
  }
}
