import { randomInt } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import AlertRatingLinks from '#services/engagement/alert_rating_links'

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
/** 10 characters of 57: about 58 bits, and /r/ is rate limited per address. */
export const SHORT_CODE_LENGTH = 10
const CODE = new RegExp(`^[${ALPHABET}]{${SHORT_CODE_LENGTH}}$`)

export type ShortLinkTarget =
  { kind: 'page'; path: string } | { kind: 'expired' } | { kind: 'invalid' }

function newCode() {
  let code = ''
  for (let index = 0; index < SHORT_CODE_LENGTH; index++)
    code += ALPHABET[randomInt(ALPHABET.length)]
  return code
}

/**
 * Short links to rate an alert, for a text's last line and a push
 * notification's action, where the signed rating address (about 130
 * characters) costs a text part of its own. A code is random, kept per
 * resident and alert (rating_short_links), and opens the same signed rating
 * page as the email's links, which records nothing until the resident
 * presses its button.
 */
export default class RatingShortLinks {
  /** Each resident's short link for the alert, made on first asking; by resident id. */
  static async forRecipients(alertId: number, residentIds: number[]) {
    const urls = new Map<number, string>()
    const wanted = [...new Set(residentIds.filter((id) => id > 0))]
    if (wanted.length === 0) return urls
    const existing = async () =>
      db
        .from('rating_short_links')
        .where('alert_id', alertId)
        .whereIn('resident_id', wanted)
        .select('resident_id', 'code')
    let rows = await existing()
    const missing = wanted.filter((id) => !rows.some((row) => Number(row.resident_id) === id))
    if (missing.length > 0) {
      const expires = AlertRatingLinks.expiry()
      const now = sqlTime(DateTime.now())
      // Another worker making the same links meets the unique index: its codes are read back.
      await db
        .table('rating_short_links')
        .insert(
          missing.map((residentId) => ({
            code: newCode(),
            alert_id: alertId,
            resident_id: residentId,
            expires_on: expires,
            created_at: now,
          }))
        )
        .onConflict(['alert_id', 'resident_id'])
        .ignore()
      rows = await existing()
    }
    for (const row of rows) urls.set(Number(row.resident_id), this.url(row.code))
    return urls
  }

  static url(code: string) {
    return `${env.get('APP_URL').replace(/\/$/, '')}/r/${code}`
  }

  /** Where a code leads: the signed rating page, or why not. */
  static async resolve(code: string, now = Date.now()): Promise<ShortLinkTarget> {
    if (!CODE.test(code)) return { kind: 'invalid' }
    const row = await db.from('rating_short_links').where('code', code).first()
    if (!row) return { kind: 'invalid' }
    if (AlertRatingLinks.isExpired(row.expires_on, now)) return { kind: 'expired' }
    return {
      kind: 'page',
      path: AlertRatingLinks.page(Number(row.resident_id), Number(row.alert_id), row.expires_on),
    }
  }

  static async erase(residentId: number) {
    await db.from('rating_short_links').where('resident_id', residentId).delete()
  }

  /** Links past their last day open nothing: the daily housekeeping deletes them. */
  static async purgeExpired(now: DateTime = DateTime.utc()) {
    return Number(
      await db.from('rating_short_links').where('expires_on', '<', now.toISODate()!).delete()
    )
  }
}
