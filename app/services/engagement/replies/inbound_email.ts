import { createHash } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import redis from '@adonisjs/redis/services/main'
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser'
import { redisKey } from '#services/platform/infrastructure/redis_keys'
import { REPLY_MAX_LENGTH } from '#models/engagement/alert_reply'
import ReplyInbox from '#services/engagement/replies/reply_inbox'
import ReplyAddresses from '#services/engagement/replies/reply_addresses'
import { htmlAsText, replyTextOf } from '#services/engagement/replies/reply_text'

/** What became of a message the relay handed over; each is answered differently (InboundEmailController). */
export type InboundEmailOutcome =
  | { kind: 'received'; replyId: number }
  /** Already received (the relay tried again): nothing added. */
  | { kind: 'duplicate' }
  /** An out-of-office or other automatic answer, or nothing of the resident's own words: kept out of the inbox. */
  | { kind: 'ignored'; reason: string }
  /** No address of ours, a forged or expired token, or a resident or alert that is gone. */
  | { kind: 'refused'; reason: string }
  | { kind: 'unreadable' }
  /** Past the resident's limit of replies by email: the relay may try again later. */
  | { kind: 'limited' }

// A relay's retry within this time is recognised by the message's Message-ID.
const SEEN_SECONDS = 7 * 24 * 3600

function addressesOf(parsed: ParsedMail) {
  const lists = [parsed.to, parsed.cc].flatMap((list) =>
    list === undefined ? [] : Array.isArray(list) ? list : [list]
  ) as AddressObject[]
  const addresses = lists.flatMap((list) => list.value.map((entry) => entry.address ?? ''))
  // The envelope recipient, as Postfix and most relays record it.
  for (const name of ['delivered-to', 'x-original-to', 'envelope-to']) {
    const value = parsed.headers.get(name)
    if (typeof value === 'string') addresses.push(value.replace(/[<>]/g, ''))
  }
  return addresses.filter(Boolean)
}

function isAutomatic(parsed: ParsedMail) {
  const auto = String(parsed.headers.get('auto-submitted') ?? 'no').toLowerCase()
  const precedence = String(parsed.headers.get('precedence') ?? '').toLowerCase()
  return (
    auto !== 'no' ||
    ['bulk', 'junk', 'auto_reply', 'list'].includes(precedence) ||
    parsed.headers.has('x-autoreply') ||
    parsed.headers.has('x-autorespond')
  )
}

/**
 * A resident's email reply, as the mail relay POSTs it (the raw MIME message,
 * its signature already checked): the reply address's token names the
 * resident and the alert; their own words (quotes and signature cut off,
 * HTML read as text) go to the inbox as any other reply. Nothing here throws
 * on a bad message: each outcome says what happened, and refusals are logged.
 */
export default class InboundEmail {
  static async receive(
    raw: Buffer,
    allow: (residentId: number) => Promise<boolean> = async () => true
  ): Promise<InboundEmailOutcome> {
    let parsed: ParsedMail
    try {
      parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true })
    } catch (error) {
      logger.warn({ err: error }, 'inbound email not readable as MIME')
      return { kind: 'unreadable' }
    }

    const tokens = addressesOf(parsed)
      .map((address) => ReplyAddresses.tokenIn(address))
      .filter((token): token is string => token !== null)
    if (tokens.length === 0) return this.#refuse('not sent to a reply address', parsed)
    const check = ReplyAddresses.check(tokens[0])
    if (!check.valid) return this.#refuse(`${check.reason} reply address`, parsed)

    if (isAutomatic(parsed)) return { kind: 'ignored', reason: 'automatic reply' }
    if (!(await allow(check.residentId))) return { kind: 'limited' }
    const source = parsed.text?.trim() ? parsed.text : parsed.html ? htmlAsText(parsed.html) : ''
    let body = replyTextOf(source)
    if (!body) return { kind: 'ignored', reason: 'no words of their own' }
    if (body.length > REPLY_MAX_LENGTH) body = `${body.slice(0, REPLY_MAX_LENGTH - 1).trimEnd()}…`

    // Marked first, so that two deliveries of one message at once add it once.
    const seen = redisKey(
      'inbound-email',
      createHash('sha256')
        .update(parsed.messageId ?? raw)
        .digest('hex')
    )
    if ((await redis.set(seen, '1', 'EX', SEEN_SECONDS, 'NX')) === null)
      return { kind: 'duplicate' }
    try {
      const thread = await ReplyInbox.receive({
        residentId: check.residentId,
        alertId: check.alertId,
        body,
        via: 'email',
      })
      if (!thread) return this.#refuse('resident or alert gone', parsed)
      return { kind: 'received', replyId: thread.id }
    } catch (error) {
      // Not kept: the relay's next try must not be taken for a repeat.
      await redis.del(seen)
      throw error
    }
  }

  static #refuse(reason: string, parsed: ParsedMail): InboundEmailOutcome {
    // Who wrote is personal data: the log says why and which message, not who.
    logger.warn({ reason, messageId: parsed.messageId ?? null }, 'inbound email refused')
    return { kind: 'refused', reason }
  }
}
