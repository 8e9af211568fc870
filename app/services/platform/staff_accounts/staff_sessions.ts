import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StaffSession from '#models/platform/staff_session'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export const STAFF_SESSION_KEY = 'staffSessionKey'

// Writing the time on every request would be a write per page; once a minute is precise enough.
const TOUCH_EVERY_SECONDS = 60

export type SessionState = 'active' | 'idle' | 'ended'

function hashOf(key: string) {
  return createHash('sha256').update(key).digest('hex')
}

export function idleMinutes() {
  return config.get<number>('beacon.staff.idleMinutes', 30)
}

/**
 * Signed-in staff browsers, kept in the database: a session ends after
 * STAFF_IDLE_MINUTES without a request, and one signed out stays signed out
 * even if its cookie is replayed.
 */
export default class StaffSessions {
  /** Starts a session and returns the key the browser's session keeps. */
  static async start(userId: number) {
    const key = randomBytes(24).toString('base64url')
    await StaffSession.create({
      userId,
      keyHash: hashOf(key),
      lastActivityAt: DateTime.now(),
    })
    return key
  }

  /** Checks a request's session and records its activity. */
  /** A background poll (live progress) checks the session without counting as activity. */
  static async touch(key: unknown, userId: number, isActivity = true): Promise<SessionState> {
    if (typeof key !== 'string' || !key) return 'ended'
    const session = await StaffSession.findBy('keyHash', hashOf(key))
    if (!session || session.userId !== userId || session.endedAt) return 'ended'
    const now = DateTime.now()
    if (session.lastActivityAt < now.minus({ minutes: idleMinutes() })) {
      session.endedAt = now
      await session.save()
      return 'idle'
    }
    if (isActivity && session.lastActivityAt < now.minus({ seconds: TOUCH_EVERY_SECONDS })) {
      session.lastActivityAt = now
      await session.save()
    }
    return 'active'
  }

  /** Ends every open session of a person, e.g. once their password or two-factor sign-in is reset. */
  static async endAllFor(userId: number, client?: TransactionClientContract) {
    const ended = await StaffSession.query(client ? { client } : {})
      .where('user_id', userId)
      .whereNull('ended_at')
      .update({ ended_at: sqlTime() })
    return Number(Array.isArray(ended) ? ended[0] : ended)
  }

  /**
   * Ends every open session of a person except this browser's, once they
   * changed how they sign in (new recovery codes): whoever copied a session
   * before is out, and the person carries on.
   */
  static async endOthersFor(userId: number, currentKey: unknown) {
    const query = StaffSession.query().where('user_id', userId).whereNull('ended_at')
    if (typeof currentKey === 'string' && currentKey) {
      query.whereNot('key_hash', hashOf(currentKey))
    }
    const ended = await query.update({ ended_at: sqlTime() })
    return Number(Array.isArray(ended) ? ended[0] : ended)
  }

  static async end(key: unknown) {
    if (typeof key !== 'string' || !key) return
    await StaffSession.query()
      .where('key_hash', hashOf(key))
      .whereNull('ended_at')
      .update({ ended_at: sqlTime() })
  }
}
