import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import AlertRating, { RATINGS, type Rating } from '#models/engagement/alert_rating'
import { LONDON } from '#services/platform/infrastructure/london_time'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export type RatingCounts = Record<Rating, number> & { total: number }

export const COMMENTS_PER_PAGE = 10

/** The periods staff may pick for an organisation's figures, in months back from this one. */
export const PERIODS = [3, 6, 12, 24] as const
export type Period = (typeof PERIODS)[number]

function emptyCounts(): RatingCounts {
  return { useful: 0, not_useful: 0, avoided_crime: 0, total: 0 }
}

async function countsWhere(query: (builder: any) => void): Promise<RatingCounts> {
  const rows = await db
    .from('alert_ratings')
    .where(query)
    .select('rating')
    .count('* as count')
    .groupBy('rating')
  const counts = emptyCounts()
  for (const row of rows) {
    if (!RATINGS.includes(row.rating)) continue
    counts[row.rating as Rating] = Number(row.count)
    counts.total += Number(row.count)
  }
  return counts
}

/** What residents thought of an alert, and of an organisation's alerts month by month. */
export default class RatingFigures {
  static forAlert(alertId: number) {
    return countsWhere((query) => query.where('alert_id', alertId))
  }

  /** The comments on an alert, newest first, as residents wrote them (views show them as text). */
  static comments(alertId: number, page: number) {
    return AlertRating.query()
      .where('alert_id', alertId)
      .whereNotNull('comment')
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .paginate(page, COMMENTS_PER_PAGE)
  }

  /**
   * The organisation's ratings by the month (UK time) they were first given,
   * the current month last, over `months` months; and their totals.
   */
  static async byMonth(organisationId: number, months: Period, now = DateTime.now()) {
    const thisMonth = now.setZone(LONDON).startOf('month')
    const rows = []
    for (let back = months - 1; back >= 0; back--) {
      const start = thisMonth.minus({ months: back })
      const end = start.plus({ months: 1 })
      const counts = await countsWhere((query) =>
        query
          .where('organisation_id', organisationId)
          .where('created_at', '>=', sqlTime(start))
          .where('created_at', '<', sqlTime(end))
      )
      rows.push({ month: start.setLocale('en-GB').toFormat('LLLL yyyy'), counts })
    }
    const totals = emptyCounts()
    for (const { counts } of rows) {
      for (const key of [...RATINGS, 'total'] as const) totals[key] += counts[key]
    }
    const alertsRated = await db
      .from('alert_ratings')
      .where('organisation_id', organisationId)
      .where('created_at', '>=', sqlTime(thisMonth.minus({ months: months - 1 })))
      .countDistinct('alert_id as count')
      .first()
    return { rows, totals, alertsRated: Number(alertsRated?.count ?? 0) }
  }
}
