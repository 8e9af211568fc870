import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import ResidentToken, { type TokenPurpose } from '#models/residents/resident_token'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export type TokenCheck =
  | { state: 'valid'; token: ResidentToken }
  | { state: 'used'; token: ResidentToken }
  | { state: 'expired'; token: ResidentToken }
  | { state: 'unknown' }

function hashOf(secret: string) {
  return createHash('sha256').update(secret).digest('hex')
}

/**
 * Single-use secrets sent by email. Only their hash is stored, so a copy of
 * the database cannot confirm anyone.
 */
export default class ResidentTokens {
  static async issue(
    residentId: number,
    purpose: TokenPurpose,
    lifetimeHours: number,
    trx?: TransactionClientContract
  ) {
    const secret = randomBytes(32).toString('base64url')
    await ResidentToken.create(
      {
        residentId,
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
    const token = await ResidentToken.query()
      .where('token_hash', hashOf(secret))
      .where('purpose', purpose)
      .first()
    if (!token) return { state: 'unknown' }
    if (token.usedAt) return { state: 'used', token }
    if (token.expiresAt < DateTime.now()) return { state: 'expired', token }
    return { state: 'valid', token }
  }
}
