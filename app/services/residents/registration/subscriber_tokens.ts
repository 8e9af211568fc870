import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import SubscriberToken, { type TokenPurpose } from '#models/residents/subscriber_token'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export type TokenCheck =
  | { state: 'valid'; token: SubscriberToken }
  | { state: 'used'; token: SubscriberToken }
  | { state: 'expired'; token: SubscriberToken }
  | { state: 'unknown' }

function hashOf(secret: string) {
  return createHash('sha256').update(secret).digest('hex')
}

/**
 * Single-use secrets sent by email. Only their hash is stored, so a copy of
 * the database cannot confirm anyone.
 */
export default class SubscriberTokens {
  static async issue(
    subscriberId: number,
    purpose: TokenPurpose,
    lifetimeHours: number,
    trx?: TransactionClientContract
  ) {
    const secret = randomBytes(32).toString('base64url')
    await SubscriberToken.create(
      {
        subscriberId,
        purpose,
        tokenHash: hashOf(secret),
        expiresAt: DateTime.now().plus({ hours: lifetimeHours }),
      },
      { client: trx }
    )
    return secret
  }

  static async check(secret: string, purpose: TokenPurpose): Promise<TokenCheck> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return { state: 'unknown' }
    const token = await SubscriberToken.query()
      .where('token_hash', hashOf(secret))
      .where('purpose', purpose)
      .first()
    if (!token) return { state: 'unknown' }
    if (token.usedAt) return { state: 'used', token }
    if (token.expiresAt < DateTime.now()) return { state: 'expired', token }
    return { state: 'valid', token }
  }
}
