import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import type { Dimension } from '#services/areas/population/census_categories'
import { residentsOf } from '#services/residents/representation/residents_at'

/** The demographics column that holds each question's answer. */
export const COLUMNS: Record<Dimension, string> = {
  ageBand: 'age_band',
  sex: 'sex',
  ethnicity: 'ethnicity',
  disability: 'disability',
  mainLanguage: 'main_language',
}

/** A ward's answers to one question: how many residents gave each. */
export type AnswerCounts = Map<string, number>

/**
 * The counts of an organisation's residents that Who we reach is made of,
 * all as at one moment. Reading them is the slow part at scale, so it is
 * pluggable: this module's SQL answers for any date, and engagement can
 * answer today's from the audience index (residents come before targeting,
 * so they cannot ask it themselves). Every answer leaves out residents who
 * skipped the question and those who preferred not to say.
 */
export interface ResidentCounts {
  /** Residents living in each of the areas (wards or districts); an area with none may be absent. */
  inAreas(areaIds: number[]): Promise<Map<number, number>>
  /** Residents living in any of the wards who answered the question, by answer. */
  answers(dimension: Dimension, wardIds: number[]): Promise<AnswerCounts>
  /** The same for each ward on its own. */
  answersByWard(dimension: Dimension, wardIds: number[]): Promise<Map<number, AnswerCounts>>
}

/** The counts from the consents, now or as at an instant (residents_at.ts). */
export class SqlResidentCounts implements ResidentCounts {
  constructor(
    readonly organisationId: number,
    readonly at?: DateTime | null
  ) {}

  async inAreas(areaIds: number[]) {
    if (!areaIds.length) return new Map<number, number>()
    const rows = await residentsOf(this.organisationId, this.at)
      .join('resident_areas', 'resident_areas.resident_id', 'residents.id')
      .whereIn('resident_areas.area_id', areaIds)
      .groupBy('resident_areas.area_id')
      .select('resident_areas.area_id')
      .count('* as total')
    return new Map(rows.map((row) => [Number(row.area_id), Number(row.total)]))
  }

  async answers(dimension: Dimension, wardIds: number[]) {
    if (!wardIds.length) return new Map<string, number>()
    const column = `demographics.${COLUMNS[dimension]}`
    const rows = await this.#answered(column)
      .whereExists((inWard) => {
        inWard
          .from('resident_areas')
          .whereRaw('resident_areas.resident_id = residents.id')
          .whereIn('resident_areas.area_id', wardIds)
      })
      .groupBy(column)
      .select(`${column} as category`)
      .count('* as total')
    return new Map(rows.map((row) => [String(row.category), Number(row.total)]))
  }

  async answersByWard(dimension: Dimension, wardIds: number[]) {
    const byWard = new Map<number, AnswerCounts>()
    if (!wardIds.length) return byWard
    const column = `demographics.${COLUMNS[dimension]}`
    const rows = await this.#answered(column)
      .join('resident_areas', 'resident_areas.resident_id', 'residents.id')
      .whereIn('resident_areas.area_id', wardIds)
      .groupBy('resident_areas.area_id', column)
      .select('resident_areas.area_id', `${column} as category`)
      .count('* as total')
    for (const row of rows) {
      const ward = byWard.get(Number(row.area_id)) ?? new Map<string, number>()
      ward.set(String(row.category), Number(row.total))
      byWard.set(Number(row.area_id), ward)
    }
    return byWard
  }

  #answered(column: string) {
    return residentsOf(this.organisationId, this.at)
      .join('demographics', 'demographics.resident_id', 'residents.id')
      .whereNotNull(column)
      .whereNot(column, 'prefer_not_to_say')
  }
}

/** Wards among those given with Census figures for the question. */
export async function wardsWithFigures(dimension: Dimension, wardIds: number[]) {
  if (!wardIds.length) return []
  const rows = await db
    .from('population_stats')
    .where('dimension', dimension)
    .whereIn('area_id', wardIds)
    .distinct('area_id')
  return rows.map((row) => Number(row.area_id))
}
