import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { storedMillis, ukDayOfMillis } from '#services/engagement/reports/daily_figures/uk_days'
import { DayFigureWriter } from '#services/engagement/reports/daily_figures/day_figure_writes'
import AnswerDayFigures, {
  type CountedSpan,
} from '#services/engagement/reports/daily_figures/answer_day_figures'

/** Area 0 in the figures: every area together (the totals and the sources). */
export const EVERY_AREA = 0
// One lock for everyone who settles: two must not take back the same resident's entries twice.
const SETTLE_LOCK = 180_094

interface Entry {
  resident_id: number
  organisation_id: number
  area_id: number
  source: string
  start_day: string
  end_day: string | null
}

const writer = new DayFigureWriter<Entry>({
  entriesTable: 'resident_figure_entries',
  entryColumns: ['resident_id', 'organisation_id', 'area_id', 'source', 'start_day', 'end_day'],
  figuresTable: 'resident_day_figures',
  keyColumns: ['organisation_id', 'area_id', 'day', 'source'],
  figureKey: (entry, day) => [entry.organisation_id, entry.area_id, day, entry.source],
  rowsPerStatement: 500,
})

/**
 * Keeps resident_day_figures true (database/migrations/0094): each resident
 * named in report_resident_changes takes back the entries they added and
 * adds what they count now. A resident counts for an organisation from their
 * consent until it is withdrawn or they stop all alerts, as ResidentFigures
 * counts them; pending and erased residents count nowhere.
 */
export default class ResidentDayFigures {
  /** Brings the figures up to date; returns the residents settled. Called before each report counts. */
  static async settle(batch = 2000, progress?: (settled: number, left: number) => void) {
    let settled = 0
    for (;;) {
      const done = await db.transaction((trx) => this.#settleBatch(trx, batch))
      if (done === 0) return settled
      settled += done
      if (progress) progress(settled, await this.waiting())
    }
  }

  /** Residents changed and not yet settled. */
  static async waiting() {
    const row = await db.from('report_resident_changes').count('* as total').first()
    return Number(row?.total ?? 0)
  }

  /** From scratch (after an import, a restore or an upgrade): every resident with a consent is settled again. */
  static async rebuild(progress?: (settled: number, left: number) => void) {
    await db.transaction(async (trx) => {
      await lock(trx)
      const last = await trx.from('report_resident_changes').max('id as id').first()
      await trx.from('resident_figure_entries').delete()
      await trx.from('resident_day_figures').delete()
      await AnswerDayFigures.clear(trx)
      await trx.rawQuery(
        'INSERT INTO report_resident_changes (resident_id) SELECT DISTINCT resident_id FROM consents'
      )
      if (last?.id) await trx.from('report_resident_changes').where('id', '<=', last.id).delete()
    })
    return this.settle(5000, progress)
  }

  /**
   * Erasure: what the resident added is taken back at once, so that no row
   * of the figures says where they lived. Their consents go just after;
   * settling them then finds nothing left to take back or add.
   */
  static async forget(residentId: number) {
    await db.transaction(async (trx) => {
      await lock(trx)
      const deltas = writer.newDeltas()
      const entries = await trx.from('resident_figure_entries').where('resident_id', residentId)
      for (const entry of entries) deltas.add(entry as Entry, -1)
      await trx.from('resident_figure_entries').where('resident_id', residentId).delete()
      await writer.applyDeltas(trx, deltas)
      await AnswerDayFigures.forget(trx, residentId)
    })
  }

  static async #settleBatch(trx: TransactionClientContract, batch: number) {
    await lock(trx)
    const changes = await trx
      .from('report_resident_changes')
      .select('id', 'resident_id')
      .orderBy('id')
      .limit(batch)
    if (changes.length === 0) return 0
    const residentIds = [...new Set(changes.map((row) => Number(row.resident_id)))]
    const deltas = writer.newDeltas()

    const before = await trx.from('resident_figure_entries').whereIn('resident_id', residentIds)
    for (const entry of before) deltas.add(entry as Entry, -1)
    await trx.from('resident_figure_entries').whereIn('resident_id', residentIds).delete()
    const { entries: now, spans } = await currentEntries(trx, residentIds)
    for (const entry of now) deltas.add(entry, 1)
    await writer.insertEntries(trx, now)
    await writer.applyDeltas(trx, deltas)
    await AnswerDayFigures.settle(trx, residentIds, spans)
    await trx
      .from('report_resident_changes')
      .whereIn(
        'id',
        changes.map((row) => row.id)
      )
      .delete()
    return residentIds.length
  }
}

async function lock(trx: TransactionClientContract) {
  // SQLite has one writer at a time already.
  if (trx.dialect.name === 'postgres')
    await trx.rawQuery('SELECT pg_advisory_xact_lock(?)', [SETTLE_LOCK])
}

/**
 * What these residents count for now: one entry per consent for every area,
 * and one for each area they live in; and when each counts (the answers' figures are kept within it).
 */
async function currentEntries(trx: TransactionClientContract, residentIds: number[]) {
  const consents = await trx
    .from('consents')
    .join('residents', 'residents.id', 'consents.resident_id')
    .whereIn('consents.resident_id', residentIds)
    .whereIn('residents.status', ['active', 'unsubscribed'])
    .select(
      'consents.resident_id',
      'consents.organisation_id',
      'consents.granted_at',
      'consents.withdrawn_at',
      'residents.status',
      'residents.unsubscribed_at',
      'residents.source'
    )
  const areaRows = await trx
    .from('resident_areas')
    .whereIn('resident_id', residentIds)
    .select('resident_id', 'area_id')
  const areasOf = new Map<number, number[]>()
  for (const row of areaRows) {
    const list = areasOf.get(Number(row.resident_id)) ?? []
    list.push(Number(row.area_id))
    areasOf.set(Number(row.resident_id), list)
  }
  const entries: Entry[] = []
  const spans: CountedSpan[] = []
  for (const consent of consents) {
    const start = storedMillis(consent.granted_at)
    if (start === null) continue
    const ends = [storedMillis(consent.withdrawn_at)]
    if (consent.status === 'unsubscribed') {
      // Stopped with no date: counted at no instant.
      const stopped = storedMillis(consent.unsubscribed_at)
      if (stopped === null) continue
      ends.push(stopped)
    }
    const known = ends.filter((end): end is number => end !== null)
    const end = known.length ? Math.min(...known) : null
    // Counted at T when start < T <= end: an end not after the start is never counted.
    if (end !== null && end <= start) continue
    const residentId = Number(consent.resident_id)
    const organisationId = Number(consent.organisation_id)
    const areaIds = areasOf.get(residentId) ?? []
    spans.push({ residentId, organisationId, areaIds, start, end })
    for (const areaId of [0, ...areaIds]) {
      entries.push({
        resident_id: residentId,
        organisation_id: organisationId,
        area_id: areaId,
        source: String(consent.source ?? ''),
        start_day: ukDayOfMillis(start),
        end_day: end === null ? null : ukDayOfMillis(end),
      })
    }
  }
  return { entries, spans }
}
