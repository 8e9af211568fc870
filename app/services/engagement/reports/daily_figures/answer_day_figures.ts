import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DIMENSIONS, type Dimension } from '#services/areas/population/census_categories'
import { COLUMNS } from '#services/residents/representation/resident_counts'
import { storedMillis, ukDayOfMillis } from '#services/engagement/reports/daily_figures/uk_days'
import { DayFigureWriter } from '#services/engagement/reports/daily_figures/day_figure_writes'

/** When a resident counts for an organisation, and the areas they live in (resident_day_figures.ts). */
export interface CountedSpan {
  residentId: number
  organisationId: number
  areaIds: number[]
  start: number
  end: number | null
}

interface AnswerEntry {
  resident_id: number
  organisation_id: number
  area_id: number
  dimension: Dimension
  answer: string
  start_day: string
  end_day: string | null
}

const writer = new DayFigureWriter<AnswerEntry>({
  entriesTable: 'answer_figure_entries',
  entryColumns: [
    'resident_id',
    'organisation_id',
    'area_id',
    'dimension',
    'answer',
    'start_day',
    'end_day',
  ],
  figuresTable: 'answer_day_figures',
  keyColumns: ['organisation_id', 'dimension', 'area_id', 'answer', 'day'],
  figureKey: (entry, day) => [
    entry.organisation_id,
    entry.dimension,
    entry.area_id,
    entry.answer,
    day,
  ],
  rowsPerStatement: 400,
})

/** An answer held from one instant (null: before the figures started) until the next change. */
interface Held {
  from: number | null
  until: number | null
  answers: Record<Dimension, string | null>
}

/**
 * Keeps answer_day_figures true (database/migrations/0095), within the
 * settle of resident_day_figures.ts and its lock: a resident counts with
 * an answer at a UK midnight when they counted then and the answer was
 * theirs then (resident_answer_log), as Who we reach counts answers
 * (resident_counts.ts: no skipped question, no "prefer not to say").
 */
export default class AnswerDayFigures {
  static async settle(trx: TransactionClientContract, residentIds: number[], spans: CountedSpan[]) {
    const deltas = writer.newDeltas()
    const before = await trx.from('answer_figure_entries').whereIn('resident_id', residentIds)
    for (const entry of before) deltas.add(entry as AnswerEntry, -1)
    await trx.from('answer_figure_entries').whereIn('resident_id', residentIds).delete()
    const now = currentEntries(spans, await heldAnswers(trx, residentIds))
    for (const entry of now) deltas.add(entry, 1)
    await writer.insertEntries(trx, now)
    await writer.applyDeltas(trx, deltas)
  }

  /** Erasure: the resident's answers, past and present, go with what they added to the figures. */
  static async forget(trx: TransactionClientContract, residentId: number) {
    const deltas = writer.newDeltas()
    const entries = await trx.from('answer_figure_entries').where('resident_id', residentId)
    for (const entry of entries) deltas.add(entry as AnswerEntry, -1)
    await trx.from('answer_figure_entries').where('resident_id', residentId).delete()
    await trx.from('resident_answer_log').where('resident_id', residentId).delete()
    await writer.applyDeltas(trx, deltas)
  }

  /** Before a rebuild; the log stays: it is the only history of the answers. */
  static async clear(trx: TransactionClientContract) {
    await trx.from('answer_figure_entries').delete()
    await trx.from('answer_day_figures').delete()
  }
}

/** Each resident's answers over time, in the order they were given. */
async function heldAnswers(trx: TransactionClientContract, residentIds: number[]) {
  const rows = await trx
    .from('resident_answer_log')
    .whereIn('resident_id', residentIds)
    .orderBy('resident_id')
    .orderBy('id')
  const byResident = new Map<number, Held[]>()
  for (const row of rows) {
    const list = byResident.get(Number(row.resident_id)) ?? []
    const from = storedMillis(row.answered_at)
    if (list.length) list[list.length - 1].until = from
    const answers = Object.fromEntries(
      DIMENSIONS.map((dimension) => [dimension, row[COLUMNS[dimension]] ?? null])
    ) as Record<Dimension, string | null>
    list.push({ from, until: null, answers })
    byResident.set(Number(row.resident_id), list)
  }
  return byResident
}

function currentEntries(spans: CountedSpan[], held: Map<number, Held[]>) {
  const entries: AnswerEntry[] = []
  for (const span of spans) {
    for (const period of held.get(span.residentId) ?? []) {
      // Counted at T when both started before T and neither ended before it.
      const start = period.from === null ? span.start : Math.max(span.start, period.from)
      const ends = [span.end, period.until].filter((end): end is number => end !== null)
      const end = ends.length ? Math.min(...ends) : null
      if (end !== null && end <= start) continue
      for (const dimension of DIMENSIONS) {
        const answer = period.answers[dimension]
        if (!answer || answer === 'prefer_not_to_say') continue
        for (const areaId of span.areaIds) {
          entries.push({
            resident_id: span.residentId,
            organisation_id: span.organisationId,
            area_id: areaId,
            dimension,
            answer,
            start_day: ukDayOfMillis(start),
            end_day: end === null ? null : ukDayOfMillis(end),
          })
        }
      }
    }
  }
  return entries
}
