import db from '@adonisjs/lucid/services/db'

export type SyncOrigin = 'register' | 'nightly' | 'upload'
export type SyncStatus = 'running' | 'completed' | 'failed'
export type ChangeKind = 'added' | 'updated' | 'removed' | 'rejected' | 'unchanged'

export interface SyncRun {
  id: number
  organisationId: number
  origin: SyncOrigin
  status: SyncStatus
  message: string | null
  schemesRead: number
  added: number
  updated: number
  removed: number
  rejected: number
  unchanged: number
  startedAt: Date
  finishedAt: Date | null
}

export interface ReportRow {
  change: Exclude<ChangeKind, 'unchanged'>
  subject: string
  detail: string
  residentId?: number | null
}

/** A run left "running" this long ago was stopped (a restart): it no longer holds up the next. */
const STALE_AFTER_MS = 60 * 60 * 1000
const SYNCS = 'neighbourhood_watch_syncs'
const ROWS = 'neighbourhood_watch_sync_rows'

function dateOf(value: unknown) {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value
  const text = String(value)
  return new Date(text.replace(' ', 'T') + (/Z|\+/.test(text) ? '' : 'Z'))
}

/** A time as the database keeps it (UTC; SQLite as text). */
export function stored(date = new Date()) {
  return db.connection().dialect.name === 'postgres'
    ? date
    : date.toISOString().replace('T', ' ').replace('Z', '')
}

function present(row: Record<string, any>): SyncRun {
  return {
    id: Number(row.id),
    organisationId: Number(row.organisation_id),
    origin: row.origin,
    status: row.status,
    message: row.message,
    schemesRead: Number(row.schemes_read),
    added: Number(row.added),
    updated: Number(row.updated),
    removed: Number(row.removed),
    rejected: Number(row.rejected),
    unchanged: Number(row.unchanged),
    startedAt: dateOf(row.started_at)!,
    finishedAt: dateOf(row.finished_at),
  }
}

/** Each sync's progress and outcome (neighbourhood_watch_syncs) and its change report. */
export const SyncRuns = {
  /** A new run, or null while another of the organisation's runs is still going. */
  async start(organisationId: number, origin: SyncOrigin, userId: number | null) {
    return db.transaction(async (trx) => {
      await trx
        .from(SYNCS)
        .where('organisation_id', organisationId)
        .where('status', 'running')
        .where('started_at', '<', stored(new Date(Date.now() - STALE_AFTER_MS)))
        .update({ status: 'failed', message: 'The sync stopped without finishing.' })
      const running = await trx
        .from(SYNCS)
        .where('organisation_id', organisationId)
        .where('status', 'running')
        .first()
      if (running) return null
      const [row] = await trx
        .table(SYNCS)
        .insert({
          organisation_id: organisationId,
          origin,
          status: 'running',
          started_by_user_id: userId,
          started_at: stored(),
        })
        .returning('id')
      return Number(typeof row === 'object' ? row.id : row)
    })
  },

  async find(organisationId: number, id: number) {
    const row = await db
      .from(SYNCS)
      .where('organisation_id', organisationId)
      .where('id', id)
      .first()
    return row ? present(row) : null
  },

  /** The organisation's runs, newest first, a page at a time. */
  async page(organisationId: number, page: number, perPage = 20) {
    const total = await db
      .from(SYNCS)
      .where('organisation_id', organisationId)
      .count('* as n')
      .first()
    const rows = await db
      .from(SYNCS)
      .where('organisation_id', organisationId)
      .orderBy('id', 'desc')
      .offset((page - 1) * perPage)
      .limit(perPage)
    const count = Number(total?.n ?? 0)
    return { runs: rows.map(present), page, pages: Math.max(1, Math.ceil(count / perPage)) }
  },

  /** Adds report rows and counts to a run as a scheme is applied. */
  async record(
    id: number,
    rows: ReportRow[],
    counts: Partial<Record<ChangeKind, number>> & { schemes?: number }
  ) {
    if (rows.length > 0) {
      await db.table(ROWS).multiInsert(
        rows.map((row) => ({
          sync_id: id,
          change: row.change,
          subject: row.subject.slice(0, 400),
          detail: row.detail,
          resident_id: row.residentId ?? null,
        }))
      )
    }
    await db
      .from(SYNCS)
      .where('id', id)
      .update({
        schemes_read: db.raw('schemes_read + ?', [counts.schemes ?? 0]),
        added: db.raw('added + ?', [counts.added ?? 0]),
        updated: db.raw('updated + ?', [counts.updated ?? 0]),
        removed: db.raw('removed + ?', [counts.removed ?? 0]),
        rejected: db.raw('rejected + ?', [counts.rejected ?? 0]),
        unchanged: db.raw('unchanged + ?', [counts.unchanged ?? 0]),
      })
  },

  async finish(id: number, status: Exclude<SyncStatus, 'running'>, message: string | null) {
    await db.from(SYNCS).where('id', id).update({ status, message, finished_at: stored() })
  },

  /** A run's report rows in order, a page at a time (all of them without a page). */
  async rows(id: number, page?: { page: number; perPage: number }) {
    const query = db.from(ROWS).where('sync_id', id).orderBy('id')
    if (page) query.offset((page.page - 1) * page.perPage).limit(page.perPage)
    const rows = await query
    return rows.map((row) => ({
      change: row.change as ReportRow['change'],
      subject: String(row.subject),
      detail: String(row.detail),
      residentId: row.resident_id === null ? null : Number(row.resident_id),
    }))
  },

  async rowCount(id: number) {
    const total = await db.from(ROWS).where('sync_id', id).count('* as n').first()
    return Number(total?.n ?? 0)
  },
}
