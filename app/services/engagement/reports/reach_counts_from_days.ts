import type { DateTime } from 'luxon'
import { SqlResidentCounts } from '#services/residents/representation/resident_counts'
import ResidentDayCounts from '#services/engagement/reports/daily_figures/resident_day_counts'

/**
 * Who we reach's counts as at a past UK midnight: residents per area from
 * the reports' daily figures (a few rows per area, whatever the number of
 * residents), which count residents as residents_at.ts does and are
 * settled before each count. The answers to "About you" have no daily
 * figures, so they are the consents' (SQL), as before.
 */
export default class ReachCountsFromDays extends SqlResidentCounts {
  #midnight: DateTime

  constructor(organisationId: number, midnight: DateTime) {
    super(organisationId, midnight)
    this.#midnight = midnight
  }

  override inAreas(areaIds: number[]) {
    return ResidentDayCounts.inAreas(this.organisationId, this.#midnight, areaIds)
  }
}
