import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'

/** A browser that took an alert's push. */
export interface PushedBrowser {
  alertId: number
  contactId: number
  residentId: number
  language: string
}

/** What the browsers of one language were shown: the replacement names it. */
export interface PushedAlert {
  alertId: number
  language: string
  title: string
  priority: number
  organisationName: string
}

export interface ClaimedBrowser {
  contactId: number
  residentId: number
  language: string
  attempts: number
}

const ALERTS = 'web_push_pushed_alerts'
const BROWSERS = 'web_push_alert_browsers'
const CANCELLED = 'web_push_cancelled_alerts'
/** Rows per insert: well inside SQLite's limit on bound values. */
const CHUNK = 500
/** A claim older than this was left by a process that stopped: another may take the row. */
export const CLAIM_MS = 5 * 60_000
/** How long the plugin remembers who was pushed what. */
export const KEEP_MS = 7 * 24 * 60 * 60_000

type Query = ReturnType<typeof db.from>

/** Rows of the alert still to be replaced now: not done, not waiting to try again, not claimed. */
function due(query: Query, nowMs: number) {
  return query
    .whereNull(`${BROWSERS}.replaced_ms`)
    .where((where) =>
      where.whereNull(`${BROWSERS}.retry_ms`).orWhere(`${BROWSERS}.retry_ms`, '<=', nowMs)
    )
    .where((where) =>
      where.whereNull(`${BROWSERS}.claim`).orWhere(`${BROWSERS}.claimed_ms`, '<', nowMs - CLAIM_MS)
    )
}

/**
 * The plugin's record of which browsers took which alert (its own tables,
 * web_push_*), and of the alerts cancelled since: what a cancellation
 * replaces, claimed by one process at a time.
 */
export const AlertPushes = {
  async record(alerts: PushedAlert[], browsers: PushedBrowser[], nowMs = Date.now()) {
    if (browsers.length === 0) return
    const seen = new Map(alerts.map((alert) => [`${alert.alertId}:${alert.language}`, alert]))
    await db
      .table(ALERTS)
      .insert(
        [...seen.values()].map((alert) => ({
          alert_id: alert.alertId,
          language: alert.language,
          title: alert.title,
          priority: alert.priority,
          organisation_name: alert.organisationName,
          pushed_ms: nowMs,
        }))
      )
      .onConflict(['alert_id', 'language'])
      .ignore()
    for (let start = 0; start < browsers.length; start += CHUNK) {
      await db
        .table(BROWSERS)
        .insert(
          browsers.slice(start, start + CHUNK).map((browser) => ({
            alert_id: browser.alertId,
            contact_id: browser.contactId,
            resident_id: browser.residentId,
            language: browser.language,
            pushed_ms: nowMs,
          }))
        )
        .onConflict(['alert_id', 'contact_id'])
        .ignore()
    }
  },

  async markCancelled(alertId: number, nowMs = Date.now()) {
    await db
      .table(CANCELLED)
      .insert({ alert_id: alertId, cancelled_ms: nowMs })
      .onConflict('alert_id')
      .ignore()
  },

  /** Which of these alerts were cancelled. */
  async cancelledAmong(alertIds: number[]) {
    if (alertIds.length === 0) return []
    const rows = await db.from(CANCELLED).whereIn('alert_id', alertIds).select('alert_id')
    return rows.map((row) => Number(row.alert_id))
  },

  /** Cancelled alerts with browsers whose replacement is due (the schedule's work). */
  async cancelledWithReplacementsDue(nowMs = Date.now()) {
    const rows = await due(
      db.from(BROWSERS).join(CANCELLED, `${CANCELLED}.alert_id`, `${BROWSERS}.alert_id`),
      nowMs
    )
      .distinct(`${BROWSERS}.alert_id`)
      .limit(100)
    return rows.map((row) => Number(row.alert_id))
  },

  /** The alert as each language's browsers were shown it. */
  async shown(alertId: number) {
    const rows = await db.from(ALERTS).where('alert_id', alertId)
    return new Map<string, PushedAlert>(
      rows.map((row) => [
        row.language,
        {
          alertId,
          language: row.language,
          title: row.title,
          priority: Number(row.priority),
          organisationName: row.organisation_name,
        },
      ])
    )
  },

  /** Claims up to `limit` browsers of the alert whose replacement is due, for this process alone. */
  async claim(alertId: number, nowMs = Date.now(), limit = 200): Promise<ClaimedBrowser[]> {
    const candidates = await due(db.from(BROWSERS).where('alert_id', alertId), nowMs)
      .limit(limit)
      .select('contact_id')
    if (candidates.length === 0) return []
    const claim = randomUUID()
    await due(db.from(BROWSERS).where('alert_id', alertId), nowMs)
      .whereIn(
        'contact_id',
        candidates.map((row) => row.contact_id)
      )
      .update({ claim, claimed_ms: nowMs })
    const rows = await db.from(BROWSERS).where('alert_id', alertId).where('claim', claim)
    return rows.map((row) => ({
      contactId: Number(row.contact_id),
      residentId: Number(row.resident_id),
      language: row.language,
      attempts: Number(row.attempts),
    }))
  },

  async replaced(alertId: number, contactIds: number[], nowMs = Date.now()) {
    if (contactIds.length === 0) return
    await db
      .from(BROWSERS)
      .where('alert_id', alertId)
      .whereIn('contact_id', contactIds)
      .update({ replaced_ms: nowMs, claim: null, claimed_ms: null })
  },

  async tryAgain(alertId: number, contactId: number, atMs: number) {
    await db
      .from(BROWSERS)
      .where('alert_id', alertId)
      .where('contact_id', contactId)
      .update({ retry_ms: atMs, attempts: db.raw('attempts + 1'), claim: null, claimed_ms: null })
  },

  /** Forgets who was pushed what, and which alerts were cancelled, after a week. */
  async forget(nowMs = Date.now()) {
    const before = nowMs - KEEP_MS
    await db.from(BROWSERS).where('pushed_ms', '<', before).delete()
    await db.from(ALERTS).where('pushed_ms', '<', before).delete()
    await db.from(CANCELLED).where('cancelled_ms', '<', before).delete()
  },

  async eraseResident(residentId: number) {
    await db.from(BROWSERS).where('resident_id', residentId).delete()
  },
}
