import { createHmac, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import Alert, { UNSENT_STATUSES } from '#models/messaging/alert'
import Resident from '#models/residents/resident'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export type ForwardKind = 'link' | 'email'

/** Emails one resident may have Beacon send for them in a day: enough for a street, too few for spam. */
export const EMAIL_FORWARDS_PER_DAY = 10

export interface Forward {
  id: number
  alertId: number
  organisationId: number
  residentId: number | null
  kind: ForwardKind
  code: string
}

// Link preview fetchers and mail scanners open links nobody read.
const AUTOMATED =
  /bot|crawl|spider|slurp|preview|scanner|facebookexternalhit|whatsapp|curl|wget|python|java\//i

function fromRow(row: any): Forward {
  return {
    id: Number(row.id),
    alertId: Number(row.alert_id),
    organisationId: Number(row.organisation_id),
    residentId: row.resident_id === null ? null : Number(row.resident_id),
    kind: row.kind,
    code: row.code,
  }
}

/** Short, unguessable, and easy to read aloud: no 0/O or 1/I/L. */
function newCode() {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
  return [...randomBytes(10)].map((byte) => alphabet[byte % alphabet.length]).join('')
}

/**
 * Residents sharing an alert with neighbours: a link of their own to copy
 * (one per resident and alert), or an email Beacon sends for them (one
 * forward each, with no record of the address). Each forward has a code
 * (/f/<code>); the people who open it are counted once each per forward.
 */
export default class AlertForwards {
  /** A sent alert and the resident whose share link it is, or null (unsent, erased, gone). */
  static async subject(alertId: number, residentId: number) {
    const alert = await Alert.query().where('id', alertId).preload('organisation').first()
    if (!alert || UNSENT_STATUSES.includes(alert.status)) return null
    const resident = await Resident.find(residentId)
    if (!resident || resident.status === 'erased') return null
    return { alert, resident }
  }

  /** The resident's own link for the alert, made the first time they ask. */
  static async linkFor(alert: Alert, residentId: number): Promise<Forward> {
    const existing = await db
      .from('alert_forwards')
      .where({ alert_id: alert.id, resident_id: residentId, kind: 'link' })
      .first()
    if (existing) return fromRow(existing)
    return this.#create(alert, residentId, 'link')
  }

  /** Whether the resident may have another email sent today. */
  static async mayEmail(residentId: number) {
    const since = sqlTime(DateTime.now().minus({ days: 1 }).toJSDate())
    const row = await db
      .from('alert_forwards')
      .where({ resident_id: residentId, kind: 'email' })
      .where('created_at', '>', since)
      .count('* as total')
      .first()
    return Number(row?.total ?? 0) < EMAIL_FORWARDS_PER_DAY
  }

  static emailed(alert: Alert, residentId: number) {
    return this.#create(alert, residentId, 'email')
  }

  static async find(code: string) {
    if (!/^[2-9A-Z]{10}$/.test(code)) return null
    const row = await db.from('alert_forwards').where('code', code).first()
    return row ? fromRow(row) : null
  }

  /**
   * Counts one person opening a forward, once per forward: `visitor` is a
   * random id kept in their session. Automated fetchers are not people.
   */
  static async visited(forward: Forward, visitor: string, userAgent: string | undefined) {
    if (!userAgent || AUTOMATED.test(userAgent)) return
    // Hashed with the app key: the table holds no session id anyone could use.
    const hashed = createHmac('sha256', env.get('APP_KEY').release())
      .update(`forward-visitor\n${visitor}`)
      .digest('hex')
    await db
      .table('alert_forward_visits')
      .insert({ forward_id: forward.id, visitor: hashed, created_at: sqlTime() })
      .onConflict(['forward_id', 'visitor'])
      .ignore()
  }

  static async #create(alert: Alert, residentId: number, kind: ForwardKind) {
    const [inserted] = await db
      .table('alert_forwards')
      .insert({
        alert_id: alert.id,
        organisation_id: alert.organisationId,
        resident_id: residentId,
        kind,
        code: newCode(),
        created_at: sqlTime(),
      })
      .returning('id')
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted)
    return fromRow(await db.from('alert_forwards').where('id', id).first())
  }
}
