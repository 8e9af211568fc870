import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import ApiToken from '#models/platform/api_token'

// Recognisable in a leaked log or a secret scanner, and never mistaken for another system's key.
const PREFIX = 'beacon_'

export function hashToken(secret: string) {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

export type TokenCheck =
  | { status: 'valid'; token: ApiToken }
  | { status: 'unknown' }
  | { status: 'revoked'; token: ApiToken }

/**
 * Issues, checks and revokes an organisation's API tokens. A token's secret
 * exists only in the answer to `issue`; the database keeps its SHA-256 hash.
 */
export default class ApiTokens {
  static async issue(organisationId: number, createdByUserId: number | null, name: string) {
    const secret = `${PREFIX}${randomBytes(32).toString('base64url')}`
    const token = await ApiToken.create({
      organisationId,
      createdByUserId,
      name,
      tokenHash: hashToken(secret),
      lastFour: secret.slice(-4),
    })
    return { token, secret }
  }

  static async check(secret: string): Promise<TokenCheck> {
    // Looking a token up by its hash reveals nothing about other tokens through timing.
    const token = await ApiToken.findBy('tokenHash', hashToken(secret))
    if (!token) return { status: 'unknown' }
    if (token.revokedAt) return { status: 'revoked', token }
    return { status: 'valid', token }
  }

  static async markUsed(token: ApiToken) {
    token.lastUsedAt = DateTime.now()
    await token.save()
  }

  static forOrganisation(organisationId: number) {
    return ApiToken.query()
      .where('organisation_id', organisationId)
      .preload('createdBy')
      .orderByRaw('revoked_at is not null')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
  }

  /** Answers "not found" for another organisation's token, as for one that does not exist. */
  static find(organisationId: number, id: number) {
    return ApiToken.query().where('organisation_id', organisationId).where('id', id).firstOrFail()
  }

  static async revoke(token: ApiToken) {
    if (token.revokedAt) return false
    token.revokedAt = DateTime.now()
    await token.save()
    return true
  }
}
