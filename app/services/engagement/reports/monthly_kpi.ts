import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import ResidentFigures from '#services/engagement/reports/resident_figures'
import AlertFigures, { failureRate } from '#services/engagement/reports/alert_figures'
import ForwardFigures from '#services/engagement/forward_figures'
import OpenClickFigures, { rateOf, sumOf } from '#services/engagement/reports/open_click_figures'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export interface MonthlyFigures {
  /** "November 2026" */
  month: string
  residents: { atStart: number; atEnd: number; change: number | null }
  alertsSent: number
  deliveries: { sent: number; failed: number; failureRate: number | null }
  ratings: { total: number; useful: number; avoidedCrime: number }
  forwards: { forwards: number; reached: number; signedUp: number }
  replies: number
  /**
   * The alert emails of the month, as Reports → Alerts and deliveries counts them
   * (OpenClickFigures): null when the organisation does not track opens and clicks,
   * so that "not measured" is never shown as 0%. A rate is null when no email was delivered.
   */
  opensAndClicks: {
    delivered: number
    opened: number
    clicked: number
    openRate: number | null
    clickRate: number | null
  } | null
}

/** Percent change, to the nearest whole number; null from nothing. */
function change(from: number, to: number) {
  return from === 0 ? null : Math.round(((to - from) / from) * 100)
}

/**
 * One organisation's month in figures, for the email its admins and
 * analysts get (MonthlyKpiMailer): counted as the reports count them
 * (ResidentFigures, AlertFigures, ForwardFigures), over one UK month.
 */
export default class MonthlyKpi {
  static async figures(organisationId: number, start: DateTime): Promise<MonthlyFigures> {
    const until = start.plus({ months: 1 })
    const [atStart, atEnd] = await ResidentFigures.at(organisationId, [start, until])
    const previous = { from: start.minus({ months: 1 }), until: start }
    const periods = { current: { from: start, until }, previous }
    const byPriority = await AlertFigures.alertsBy(organisationId, 'priority', periods)
    const channels = await AlertFigures.deliveriesByChannel(organisationId, periods)
    const sent = channels.reduce((sum, channel) => sum + channel.current.sent, 0)
    const failed = channels.reduce((sum, channel) => sum + channel.current.failed, 0)
    const inMonth = (query: any, column: string) =>
      query
        .where('organisation_id', organisationId)
        .where(column, '>=', sqlTime(start))
        .where(column, '<', sqlTime(until))
    const ratings = await inMonth(db.from('alert_ratings'), 'created_at')
      .select('rating')
      .count('* as total')
      .groupBy('rating')
    const ratingCount = (rating: string) =>
      Number(ratings.find((row: any) => row.rating === rating)?.total ?? 0)
    const forwards = await ForwardFigures.between(organisationId, start, until)
    const opensAndClicks = await this.#opensAndClicks(organisationId, start, until)
    // Messages residents wrote in the month, first replies and follow-ups alike.
    const replies = await db
      .from('alert_reply_messages')
      .join('alert_replies', 'alert_replies.id', 'alert_reply_messages.reply_id')
      .where('alert_replies.organisation_id', organisationId)
      .where('alert_reply_messages.author', 'resident')
      .where('alert_reply_messages.created_at', '>=', sqlTime(start))
      .where('alert_reply_messages.created_at', '<', sqlTime(until))
      .count('* as total')
      .first()
    return {
      month: start.setLocale('en-GB').toFormat('LLLL yyyy'),
      residents: { atStart, atEnd, change: change(atStart, atEnd) },
      alertsSent: byPriority.reduce((sum, row) => sum + row.current, 0),
      deliveries: { sent, failed, failureRate: failureRate({ sent, failed }) },
      ratings: {
        total: ratings.reduce((sum: number, row: any) => sum + Number(row.total), 0),
        useful: ratingCount('useful'),
        avoidedCrime: ratingCount('avoided_crime'),
      },
      forwards: {
        forwards: forwards.forwards,
        reached: forwards.reached,
        signedUp: forwards.signedUp,
      },
      replies: Number(replies?.total ?? 0),
      opensAndClicks,
    }
  }

  static async #opensAndClicks(organisationId: number, start: DateTime, until: DateTime) {
    const organisation = await db
      .from('organisations')
      .where('id', organisationId)
      .select('tracks_engagement')
      .first()
    if (!organisation?.tracks_engagement) return null
    const sum = sumOf(await OpenClickFigures.perAlert(organisationId, start, until))
    return {
      ...sum,
      openRate: rateOf(sum.opened, sum.delivered),
      clickRate: rateOf(sum.clicked, sum.delivered),
    }
  }
}
