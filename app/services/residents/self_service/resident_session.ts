import { randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { hashSecret } from '#services/platform/infrastructure/secret_hash'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

const SESSION_KEY = 'residentSessionKey'
const BROWSER_COOKIE = 'beacon-resident'

type Context = Pick<HttpContext, 'session' | 'request' | 'response'>

/**
 * A resident's signed-in session. Sessions live in the cookie
 * (config/session.ts), so the cookie alone cannot be trusted after signing
 * out: it keeps a random key, and the resident_sessions table keeps its hash
 * and whether the session has ended. Signing out ends the row, so a copy of
 * the cookie taken before is worth nothing; "sign out everywhere" ends every
 * row of the resident.
 *
 * A row per session rather than a version number on the resident: signing
 * out one browser leaves the others alone, and erasing the resident deletes
 * the rows with them.
 *
 * The session cookie itself outlives the browser (config/session.ts keeps it
 * for two hours, for staff), so a second cookie without an expiry marks the
 * browser session; when the browser closes it goes, and the resident is
 * signed out.
 */
export default class ResidentSession {
  static async start({ session, response }: Context, residentId: number) {
    // A new session id, so an id planted before sign-in is worth nothing after it.
    session.regenerate()
    const key = randomBytes(24).toString('base64url')
    await db.table('resident_sessions').insert({
      resident_id: residentId,
      key_hash: hashSecret(key),
      created_at: sqlTime(),
    })
    session.put(SESSION_KEY, key)
    response.cookie(BROWSER_COOKIE, String(residentId), { maxAge: undefined })
  }

  static async residentId({ session, request }: Context): Promise<number | null> {
    const key = session.get(SESSION_KEY)
    if (typeof key !== 'string' || !key) return null
    const row = await db
      .from('resident_sessions')
      .where('key_hash', hashSecret(key))
      .whereNull('ended_at')
      .select('resident_id')
      .first()
    if (!row) return null
    const id = Number(row.resident_id)
    return request.cookie(BROWSER_COOKIE) === String(id) ? id : null
  }

  static async end({ session, response }: Context) {
    const key = session.get(SESSION_KEY)
    if (typeof key === 'string' && key) {
      await db
        .from('resident_sessions')
        .where('key_hash', hashSecret(key))
        .whereNull('ended_at')
        .update({ ended_at: sqlTime() })
    }
    session.forget(SESSION_KEY)
    response.clearCookie(BROWSER_COOKIE)
  }

  /** Ends every session of the resident, this browser's included; returns how many were open. */
  static async endEverywhere(context: Context, residentId: number) {
    const ended = await db
      .from('resident_sessions')
      .where('resident_id', residentId)
      .whereNull('ended_at')
      .update({ ended_at: sqlTime() })
    await this.end(context)
    return Number(Array.isArray(ended) ? ended[0] : ended)
  }
}
