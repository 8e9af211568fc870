import LineChart from '#services/platform/charts/line_chart'
import OpenClickFigures, {
  rateOf,
  sumOf,
  type AlertOpensAndClicks,
} from '#services/engagement/reports/open_click_figures'
import { ALERTS_REPORT } from '#services/engagement/reports/alert_report'
import type { ReportPeriod } from '#services/engagement/reports/report_period'
import { OPEN_RATE_CAVEAT } from '#services/messaging/reports/open_click_rates'
import { csvUrl, shown, type ReportTable } from '#services/engagement/reports/report_table'

/** The CSVs' own folder: the report's `/staff/reports/alerts/:table` is taken by its other tables. */
export const OPEN_CLICK_CSVS = `${ALERTS_REPORT}/opens-and-clicks`
export const OPEN_CLICK_TABLES = ['open-click-rates', 'opens-and-clicks'] as const
export type OpenClickTable = (typeof OPEN_CLICK_TABLES)[number]

/**
 * Reports → Alerts and deliveries, the open and click rates: unique opens
 * and unique clicks out of the emails delivered, for the period and the one
 * before, and over the period as a line chart (a rate is a level, not a
 * count that adds up). Figures from OpenClickFigures.
 */
export default class OpenClickReport {
  static async of(organisationId: number, period: ReportPeriod) {
    const [current, previous] = await Promise.all([
      OpenClickFigures.perAlert(organisationId, period.from, period.until),
      OpenClickFigures.perAlert(organisationId, period.previous.from, period.previous.until),
    ])
    return { table: this.table(period, current, previous), chart: this.chart(period, current) }
  }

  /** As the page shows them: the table in words, and the caveat. */
  static async forPage(organisationId: number, period: ReportPeriod) {
    const { table, chart } = await this.of(organisationId, period)
    return { table: shown(table), chart, caveat: OPEN_RATE_CAVEAT }
  }

  static table(
    period: ReportPeriod,
    current: AlertOpensAndClicks[],
    previous: AlertOpensAndClicks[]
  ): ReportTable {
    const row = (label: string, rows: AlertOpensAndClicks[]) => {
      const sum = sumOf(rows)
      return [
        label,
        sum.delivered,
        sum.opened,
        rateOf(sum.opened, sum.delivered),
        sum.clicked,
        rateOf(sum.clicked, sum.delivered),
      ]
    }
    return {
      id: 'opens-and-clicks',
      caption: 'Opens and clicks of alert emails',
      note: 'Delivered: alert emails the mail server accepted. Opened and clicked: each email once, however often. Open rate and click rate: out of those delivered.',
      columns: [
        { heading: 'Period', kind: 'label' },
        { heading: 'Emails delivered', kind: 'count' },
        { heading: 'Opened', kind: 'count' },
        { heading: 'Open rate', kind: 'rate' },
        { heading: 'Clicked', kind: 'count' },
        { heading: 'Click rate', kind: 'rate' },
      ],
      rows: [
        row(`This period (${period.label})`, current),
        row(`Previous period (${period.previous.label})`, previous),
      ],
      csvUrl: csvUrl(OPEN_CLICK_CSVS, 'opens-and-clicks', period.query),
    }
  }

  /** The rates of the alerts sent in each day, week or month of the period (0 where no email went). */
  static chart(period: ReportPeriod, rows: AlertOpensAndClicks[]) {
    const sums = period.buckets.map((bucket) =>
      sumOf(
        rows.filter((row) => row.dispatchedAt >= bucket.start && row.dispatchedAt < bucket.until)
      )
    )
    return LineChart.build({
      id: 'open-click-rates',
      title: 'Open and click rates of alert emails',
      description: `The open rate and click rate, in percent, of the alert emails sent in each ${period.bucketUnit} from ${period.label}. A ${period.bucketUnit} in which no alert email was delivered shows 0.`,
      categoryHeading:
        period.bucketUnit === 'day' ? 'Day' : period.bucketUnit === 'week' ? 'Week' : 'Month',
      categories: period.buckets.map((bucket) => bucket.label),
      series: [
        {
          key: 'open-rate',
          label: 'Open rate (%)',
          values: sums.map((sum) => rateOf(sum.opened, sum.delivered) ?? 0),
        },
        {
          key: 'click-rate',
          label: 'Click rate (%)',
          values: sums.map((sum) => rateOf(sum.clicked, sum.delivered) ?? 0),
        },
      ],
      csvUrl: csvUrl(OPEN_CLICK_CSVS, 'open-click-rates', period.query),
      unit: 'percent',
    })
  }
}
