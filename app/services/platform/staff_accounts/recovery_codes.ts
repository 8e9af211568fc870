import { createHmac, randomInt } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import type User from '#models/platform/user'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export const RECOVERY_CODE_COUNT = 10
// No i, l, o or u: nothing to misread when typed from paper.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
const LENGTH = 10

function normalise(input: string) {
  return input.toLowerCase().replace(/[^0-9a-z]/g, '')
}

// Keyed with APP_KEY: a copy of the database alone cannot be searched for codes.
function hashOf(code: string) {
  return createHmac('sha256', env.get('APP_KEY').release()).update(code).digest('hex')
}

/**
 * Single-use codes that stand in for the authenticator app when it is lost.
 * Shown once when made; only their keyed hash is stored.
 */
export default class RecoveryCodes {
  /** Replaces any earlier codes with new ones and returns them, formatted for reading. */
  static async regenerate(user: User) {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
      Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
    )
    await db.transaction(async (trx) => {
      await trx.from('staff_recovery_codes').where('user_id', user.id).delete()
      await trx.table('staff_recovery_codes').multiInsert(
        codes.map((code) => ({
          user_id: user.id,
          code_hash: hashOf(code),
          created_at: sqlTime(),
        }))
      )
    })
    return codes.map((code) => `${code.slice(0, 5)}-${code.slice(5)}`)
  }

  static looksLikeOne(input: string) {
    return normalise(input).length === LENGTH
  }

  /** Uses up a code: the number left, or null when the code is wrong or already used. */
  static async consume(user: User, input: string) {
    const code = normalise(input)
    if (code.length !== LENGTH) return null
    const claimed = await db
      .from('staff_recovery_codes')
      .where('user_id', user.id)
      .where('code_hash', hashOf(code))
      .whereNull('used_at')
      .update({ used_at: sqlTime() })
    if (Number(Array.isArray(claimed) ? claimed[0] : claimed) === 0) return null
    return this.remaining(user)
  }

  static async remaining(user: User) {
    const row = await db
      .from('staff_recovery_codes')
      .where('user_id', user.id)
      .whereNull('used_at')
      .count('* as total')
      .first()
    return Number(row?.total ?? 0)
  }
}
