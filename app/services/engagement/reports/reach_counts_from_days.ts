import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import type { Dimension } from '#services/areas/population/census_categories'
import type {
  AnswerCounts,
  ResidentCounts,
} from '#services/residents/representation/resident_counts'
import ResidentDayCounts from '#services/engagement/reports/daily_figures/resident_day_counts'
import ResidentDayFigures from '#services/engagement/reports/daily_figures/resident_day_figures'
import { ukDayOf } from '#services/engagement/reports/daily_figures/uk_days'

/**
 * Who we reach's counts as at a past UK midnight, all from the reports'
 * daily figures (a few rows per ward, and per ward and answer, whatever the
 * number of residents), settled before each count. Residents per area count
 * as residents_at.ts counts them; the answers are those each resident had
 * at that midnight (resident_answer_log, 0095), or for a day before the
 * figures kept answers, those they had when it started. Summing wards
 * counts a resident once because a resident lives in one ward.
 */
export default class ReachCountsFromDays implements ResidentCounts {
  constructor(
    readonly organisationId: number,
    readonly midnight: DateTime
  ) {}

  inAreas(areaIds: number[]) {
    return ResidentDayCounts.inAreas(this.organisationId, this.midnight, areaIds)
  }

  async answers(dimension: Dimension, wardIds: number[]) {
    const counts: AnswerCounts = new Map()
    for (const row of await this.#counted(dimension, wardIds, false)) {
      counts.set(String(row.answer), Number(row.total))
    }
    return counts
  }

  async answersByWard(dimension: Dimension, wardIds: number[]) {
    const byWard = new Map<number, AnswerCounts>()
    for (const row of await this.#counted(dimension, wardIds, true)) {
      const ward = byWard.get(Number(row.area_id)) ?? new Map<string, number>()
      ward.set(String(row.answer), Number(row.total))
      byWard.set(Number(row.area_id), ward)
    }
    return byWard
  }

  /** Counted at the midnight: started less stopped on the days before it; answers none hold are left out, as SQL leaves them. */
  async #counted(dimension: Dimension, wardIds: number[], byWard: boolean) {
    if (!wardIds.length) return []
    await ResidentDayFigures.settle()
    const total = 'SUM(started - stopped)'
    const query = db
      .from('answer_day_figures')
      .where('organisation_id', this.organisationId)
      .where('dimension', dimension)
      .whereIn('area_id', wardIds)
      .where('day', '<', ukDayOf(this.midnight))
      .select('answer', db.raw(`${total} AS total`))
      .groupBy('answer')
      .havingRaw(`${total} > 0`)
    if (byWard) query.select('area_id').groupBy('area_id')
    return query
  }
}
