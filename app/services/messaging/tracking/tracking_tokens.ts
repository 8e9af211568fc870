import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto'
import env from '#start/env'

const TOKEN = /^[A-Za-z0-9_-]{22}$/

let key: Buffer | null = null

// A key of its own, derived from the app's: a token cannot be used to learn anything about APP_KEY's other uses.
function trackingKey() {
  key ??= createHmac('sha256', env.get('APP_KEY').release())
    .update('beacon delivery tracking token')
    .digest()
    .subarray(0, 16)
  return key
}

/**
 * The token in a tracked email's image and links: the delivery's id and
 * eight zero bytes, as one AES block under a key of the install's. It names
 * the delivery without saying which (nor the resident), nobody without the
 * key can make one (a forged token decrypts to a block whose last eight
 * bytes are not zero, odds of 2^-64 a try), and it costs one block cipher a
 * mail on the send path: nothing is stored to make it, nothing looked up to
 * read it. One block enciphered alone is a keyed permutation, which is all
 * that is asked of it here.
 */
export default class TrackingTokens {
  static for(deliveryId: number): string {
    const block = Buffer.alloc(16)
    block.writeBigUInt64BE(BigInt(deliveryId), 0)
    const cipher = createCipheriv('aes-128-ecb', trackingKey(), null).setAutoPadding(false)
    return Buffer.concat([cipher.update(block), cipher.final()]).toString('base64url')
  }

  /** The delivery a token names, or null for anything that is not a token this install made. */
  static deliveryOf(token: string): number | null {
    if (!TOKEN.test(token)) return null
    const sealed = Buffer.from(token, 'base64url')
    if (sealed.length !== 16) return null
    const decipher = createDecipheriv('aes-128-ecb', trackingKey(), null).setAutoPadding(false)
    const block = Buffer.concat([decipher.update(sealed), decipher.final()])
    if (block.readBigUInt64BE(8) !== 0n) return null
    const id = block.readBigUInt64BE(0)
    return id > 0n && id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : null
  }
}
