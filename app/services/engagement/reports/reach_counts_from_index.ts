import logger from '@adonisjs/core/services/logger'
import type { DateTime } from 'luxon'
import type { Dimension } from '#services/areas/population/census_categories'
import {
  COLUMNS,
  SqlResidentCounts,
  type ResidentCounts,
} from '#services/residents/representation/resident_counts'
import ReachCountsFromDays from '#services/engagement/reports/reach_counts_from_days'
import { isUkMidnight } from '#services/engagement/reports/daily_figures/uk_days'
import AudienceIndex from '#services/targeting/audience_index'
import AudienceIndexCounts from '#services/targeting/audience_index_counts'

const LEFT_OUT = ['prefer_not_to_say']

/**
 * Who we reach's counts for today from the targeting's audience index: a
 * few BITOPs and BITCOUNTs in Redis instead of joins over every consent,
 * which on SQLite blocked the whole web process for a minute at 1M.
 *
 * The index's facts mean what SqlResidentCounts' SQL means for today
 * (residents_at.ts `residentsOf` with no date), as audience_facts.ts builds
 * them: only residents with status 'active' have facts at all (`s:active`);
 * `o:<org>` is a consent to the organisation not withdrawn; `a:<area>` is a
 * row of resident_areas; `d:<column>:<value>` is the demographics column's
 * value when not null, for the same columns (COLUMNS). "Prefer not to say"
 * is left out here as the SQL leaves it out. The index applies every
 * committed change before it answers, so it is as current as the SQL.
 *
 * When the index cannot answer (not built and too big to build now, a
 * rebuild holding it, Redis failing, a generation built before a column
 * was indexed), the SQL answers instead: slower, the same figures.
 */
export default class ReachCountsFromIndex implements ResidentCounts {
  #sql: SqlResidentCounts
  /** Which answered each count, in order: tests and the benchmark look. */
  readonly answeredBy: Array<'index' | 'sql'> = []

  constructor(readonly organisationId: number) {
    this.#sql = new SqlResidentCounts(organisationId, null)
  }

  /**
   * Counts for the date: today's from the index; a past UK midnight's (every date the page
   * offers) residents per area from the daily figures; anything else from the consents.
   */
  static at(organisationId: number, at: DateTime | null | undefined): ResidentCounts {
    if (!at) return new ReachCountsFromIndex(organisationId)
    if (isUkMidnight(at)) return new ReachCountsFromDays(organisationId, at)
    return new SqlResidentCounts(organisationId, at)
  }

  inAreas(areaIds: number[]) {
    return this.#either(
      (generation) => AudienceIndexCounts.countsByArea(generation, this.organisationId, areaIds),
      () => this.#sql.inAreas(areaIds)
    )
  }

  answers(dimension: Dimension, wardIds: number[]) {
    return this.#either(
      async (generation) => {
        const counted = await this.#byDemographic(generation, dimension, wardIds, false)
        return counted?.everywhere ?? null
      },
      () => this.#sql.answers(dimension, wardIds)
    )
  }

  answersByWard(dimension: Dimension, wardIds: number[]) {
    return this.#either(
      async (generation) => {
        const counted = await this.#byDemographic(generation, dimension, wardIds, true)
        return counted?.byArea ?? null
      },
      () => this.#sql.answersByWard(dimension, wardIds)
    )
  }

  #byDemographic(generation: string, dimension: Dimension, areaIds: number[], perArea: boolean) {
    return AudienceIndexCounts.countsByDemographic(
      generation,
      this.organisationId,
      COLUMNS[dimension],
      { areaIds, leaveOut: LEFT_OUT, perArea }
    )
  }

  async #either<T extends Map<any, any>>(
    fromIndex: (generation: string) => Promise<T | null>,
    fromSql: () => Promise<T>
  ): Promise<T> {
    try {
      const generation = await AudienceIndex.readableGeneration()
      const counts = generation ? await fromIndex(generation) : null
      if (counts) {
        this.answeredBy.push('index')
        return counts
      }
    } catch (error) {
      // A fault in the index must not stop the report: SQL still knows the answer.
      logger.error({ err: error }, 'audience index failed; Who we reach counts with SQL')
    }
    this.answeredBy.push('sql')
    return fromSql()
  }
}
