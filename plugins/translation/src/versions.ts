import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'

/** Times written as the core writes them (UTC text), which SQLite and PostgreSQL both read back and compare. */
const sqlNow = (at = DateTime.utc()) => at.toUTC().toSQL()!

export type VersionStatus = 'machine' | 'reviewed' | 'failed'

/** The fixed texts kept with a translation: the core's footer words and the plugin's notice. */
export type VersionTexts = Record<string, string>

export interface TranslationVersion {
  alertId: number
  language: string
  sourceHash: string
  status: VersionStatus
  title: string | null
  body: string | null
  machineTitle: string | null
  machineBody: string | null
  texts: VersionTexts
  corrected: boolean
  error: string | null
  heldReason: string | null
  reviewedAt: unknown
}

/** The English a translation was made from: a new wording needs a new translation. */
export function sourceHash(title: string, body: string) {
  const normal = (text: string) => text.replace(/\r\n?/g, '\n').trim()
  return createHash('sha256')
    .update(`${normal(title)}\u0000${normal(body)}`)
    .digest('hex')
}

function parseTexts(value: unknown): VersionTexts {
  if (typeof value !== 'string' || !value) return {}
  try {
    const parsed = JSON.parse(value) as unknown
    return parsed && typeof parsed === 'object' ? (parsed as VersionTexts) : {}
  } catch {
    return {}
  }
}

function fromRow(row: Record<string, any>): TranslationVersion {
  return {
    alertId: Number(row.alert_id),
    language: row.language,
    sourceHash: row.source_hash,
    status: row.status,
    title: row.title,
    body: row.body,
    machineTitle: row.machine_title,
    machineBody: row.machine_body,
    texts: parseTexts(row.texts),
    corrected: Boolean(row.corrected),
    error: row.error,
    heldReason: row.held_reason ?? null,
    reviewedAt: row.reviewed_at ?? null,
  }
}

/**
 * Each alert's translations, one row per (alert, language): the cache that
 * makes an alert translated once per language, and the version sent.
 */
export const TranslationVersions = {
  async of(alertId: number): Promise<TranslationVersion[]> {
    const rows = await db
      .from('translation_versions')
      .where('alert_id', alertId)
      .orderBy('language')
    return rows.map(fromRow)
  },

  async find(alertId: number, language: string): Promise<TranslationVersion | null> {
    const row = await db.from('translation_versions').where({ alert_id: alertId, language }).first()
    return row ? fromRow(row) : null
  },

  async saveMachine(
    alertId: number,
    language: string,
    hash: string,
    words: { title: string; body: string; texts: VersionTexts }
  ) {
    await this.upsert({
      alert_id: alertId,
      language,
      source_hash: hash,
      status: 'machine',
      title: words.title,
      body: words.body,
      machine_title: words.title,
      machine_body: words.body,
      texts: JSON.stringify(words.texts),
      corrected: false,
      error: null,
      held_reason: null,
      reviewed_at: null,
    })
  },

  async saveFailure(alertId: number, language: string, hash: string, reason: string) {
    const existing = await this.find(alertId, language)
    // A translation that went well for this wording is not overwritten by a later failure.
    if (existing && existing.status !== 'failed' && existing.sourceHash === hash) return
    await this.upsert({
      alert_id: alertId,
      language,
      source_hash: hash,
      status: 'failed',
      title: null,
      body: null,
      machine_title: null,
      machine_body: null,
      texts: null,
      corrected: false,
      error: reason.slice(0, 500),
      held_reason: null,
      reviewed_at: null,
    })
  },

  /** Staff read (and perhaps corrected) the translation of this wording. */
  async saveReview(
    alertId: number,
    language: string,
    hash: string,
    words: { title: string; body: string }
  ) {
    const existing = await this.find(alertId, language)
    if (!existing || existing.sourceHash !== hash || existing.status === 'failed') return false
    const corrected =
      words.title !== (existing.machineTitle ?? '') || words.body !== (existing.machineBody ?? '')
    await db.from('translation_versions').where({ alert_id: alertId, language }).update({
      status: 'reviewed',
      title: words.title,
      body: words.body,
      corrected,
      held_reason: null,
      reviewed_at: sqlNow(),
      updated_at: sqlNow(),
    })
    return true
  },

  /** Not sent at dispatch (nobody checked it): why, for the alert's page; null when it went out. */
  async markHeld(alertId: number, language: string, reason: string | null) {
    await db
      .from('translation_versions')
      .where({ alert_id: alertId, language })
      .update({ held_reason: reason ? reason.slice(0, 500) : null })
  },

  async upsert(row: Record<string, unknown>) {
    await db
      .table('translation_versions')
      .insert({ ...row, updated_at: sqlNow() })
      .onConflict(['alert_id', 'language'])
      .merge()
  },
}

/** Characters sent to the Translation API, for the month's running total. */
export const TranslationUsage = {
  async record(
    organisationId: number,
    alertId: number | null,
    language: string,
    characters: number
  ) {
    await db.table('translation_usage').insert({
      organisation_id: organisationId,
      alert_id: alertId,
      language,
      characters,
      created_at: sqlNow(),
    })
  },

  async thisMonth(organisationId: number, now = DateTime.utc()) {
    const start = sqlNow(now.toUTC().startOf('month'))
    const row = await db
      .from('translation_usage')
      .where('organisation_id', organisationId)
      .where('created_at', '>=', start)
      .sum('characters as characters')
      .first()
    return Number(row?.characters ?? 0)
  },
}
