import { createHmac, timingSafeEqual } from 'node:crypto'
import config from '@adonisjs/core/services/config'
import env from '#start/env'
import { REPLY_LINK_DAYS } from '#services/engagement/replies/reply_links'

const DAY_MS = 24 * 60 * 60 * 1000
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'
// alert id (4 bytes), resident id (4), last day (2, days since 1970), signature (10: 80 bits).
const DATA_BYTES = 10
const SIGNATURE_BYTES = 10
const TOKEN_LENGTH = Math.ceil(((DATA_BYTES + SIGNATURE_BYTES) * 8) / 5)

export type TokenCheck =
  | { valid: true; residentId: number; alertId: number }
  | { valid: false; reason: 'forged' | 'expired' }

/** RFC 4648 base32, lowercase, unpadded: mail systems may fold a local part's case. */
function base32(bytes: Buffer) {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
  return out
}

function fromBase32(text: string) {
  const bytes: number[] = []
  let bits = 0
  let value = 0
  for (const character of text) {
    const index = ALPHABET.indexOf(character)
    if (index < 0) return null
    value = ((value << 5) | index) & 0xffff
    bits += 5
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return Buffer.from(bytes)
}

function signatureOf(data: Buffer) {
  const key = env.get('APP_KEY').release()
  return createHmac('sha256', `${key}:reply-address`)
    .update(data)
    .digest()
    .subarray(0, SIGNATURE_BYTES)
}

/**
 * The Reply-To address of an alert email: the install's reply address with a
 * token after "+" (replies+<token>@example.org) that names one resident and
 * one alert, signed with the app key (HMAC-SHA256, 80 bits) and working for
 * REPLY_LINK_DAYS, like the reply link. The mail relay hands what arrives
 * there to /inbound/email (InboundEmail), which trusts nothing but the token.
 */
export default class ReplyAddresses {
  /** The configured address (REPLY_EMAIL_ADDRESS, with INBOUND_EMAIL_SECRET), or null: alert emails then carry no Reply-To. */
  static base() {
    // Without the relay's secret nothing can arrive: no address that would swallow replies.
    if (String(config.get('beacon.replies.inboundSecret', '') ?? '').length < 32) return null
    const address = String(config.get('beacon.replies.emailAddress', '') ?? '').trim()
    const match = /^([^@+\s]+)@([^@\s]+)$/.exec(address)
    return match ? { local: match[1], domain: match[2].toLowerCase() } : null
  }

  static address(residentId: number, alertId: number, now = Date.now()) {
    const base = this.base()
    if (!base || residentId <= 0) return null
    return `${base.local}+${this.token(residentId, alertId, now)}@${base.domain}`
  }

  static token(residentId: number, alertId: number, now = Date.now()) {
    const data = Buffer.alloc(DATA_BYTES)
    data.writeUInt32BE(alertId, 0)
    data.writeUInt32BE(residentId, 4)
    data.writeUInt16BE(Math.floor(now / DAY_MS) + REPLY_LINK_DAYS, 8)
    return base32(Buffer.concat([data, signatureOf(data)]))
  }

  /** The token of an address the message was sent to, when it is this install's reply address. */
  static tokenIn(address: string) {
    const base = this.base()
    if (!base) return null
    const match = /^([^@+\s]+)\+([^@\s]+)@([^@\s]+)$/.exec(address.trim())
    if (!match) return null
    if (match[1].toLowerCase() !== base.local.toLowerCase()) return null
    if (match[3].toLowerCase() !== base.domain) return null
    return match[2].toLowerCase()
  }

  static check(token: string, now = Date.now()): TokenCheck {
    if (token.length !== TOKEN_LENGTH) return { valid: false, reason: 'forged' }
    const bytes = fromBase32(token)
    if (!bytes || bytes.length < DATA_BYTES + SIGNATURE_BYTES)
      return { valid: false, reason: 'forged' }
    const data = bytes.subarray(0, DATA_BYTES)
    const signature = bytes.subarray(DATA_BYTES, DATA_BYTES + SIGNATURE_BYTES)
    if (!timingSafeEqual(signature, signatureOf(data))) return { valid: false, reason: 'forged' }
    if (Math.floor(now / DAY_MS) > data.readUInt16BE(8)) return { valid: false, reason: 'expired' }
    return { valid: true, alertId: data.readUInt32BE(0), residentId: data.readUInt32BE(4) }
  }
}
