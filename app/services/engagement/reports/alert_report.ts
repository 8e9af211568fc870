import StackedBarChart from '#services/platform/charts/stacked_bar_chart'
import { CHART_FILLS } from '#services/platform/charts/chart_fills'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { PRIORITIES } from '#contracts/priority'
import { ALERT_CATEGORY_SLUGS, categoryLabel } from '#services/messaging/alert_categories'
import AlertFigures, {
  failureRate,
  type ChannelOutcomes,
  type PairedCount,
  type Periods,
} from '#services/engagement/reports/alert_figures'
import type { ReportPeriod } from '#services/engagement/reports/report_period'
import {
  csvUrl,
  percentOf,
  type Column,
  type ReportTable,
} from '#services/engagement/reports/report_table'

export const ALERTS_REPORT = '/staff/reports/alerts'
export const ALERT_TABLES = [
  'by-category',
  'categories',
  'priorities',
  'by-channel',
  'deliveries',
] as const
export type AlertTable = (typeof ALERT_TABLES)[number]

const COMPARED: Column[] = [
  { heading: 'This period', kind: 'count' },
  { heading: 'Previous period', kind: 'count' },
  { heading: 'Change', kind: 'change' },
  { heading: 'Change (%)', kind: 'percent' },
]

const comparedCells = ({ current, previous }: { current: number; previous: number }) => [
  current,
  previous,
  current - previous,
  percentOf(previous, current),
]

const periodsOf = (period: ReportPeriod): Periods => ({
  current: { from: period.from, until: period.until },
  previous: { from: period.previous.from, until: period.previous.until },
})

const categoryName = (slug: string) => categoryLabel(slug) ?? (slug ? slug : 'No category')
const channelName = (id: string) => channelRegistry.registered(id)?.label ?? id

function totalOf(rows: PairedCount[]) {
  return rows.reduce(
    (sum, row) => ({ current: sum.current + row.current, previous: sum.previous + row.previous }),
    { current: 0, previous: 0 }
  )
}

/**
 * Reports → Alerts and deliveries: the alerts the organisation sent in the
 * period by category and priority, and how their deliveries went on each
 * channel, each beside the period before. Figures from AlertFigures.
 */
export default class AlertReport {
  static async categories(organisationId: number, period: ReportPeriod) {
    const rows = await AlertFigures.alertsBy(organisationId, 'category', periodsOf(period))
    // The fixed list's order, then any other word, then alerts without a category.
    const order = (key: string) => {
      const index = ALERT_CATEGORY_SLUGS.indexOf(key as never)
      return index >= 0
        ? index
        : key
          ? ALERT_CATEGORY_SLUGS.length
          : ALERT_CATEGORY_SLUGS.length + 1
    }
    rows.sort((a, b) => order(a.key) - order(b.key) || a.key.localeCompare(b.key))
    const total = totalOf(rows)
    const table: ReportTable = {
      id: 'categories',
      caption: 'Alerts sent by category',
      columns: [{ heading: 'Category', kind: 'label' }, ...COMPARED],
      rows: rows.map((row) => [categoryName(row.key), ...comparedCells(row)]),
      footer: ['All alerts', ...comparedCells(total)],
      csvUrl: csvUrl(ALERTS_REPORT, 'categories', period.query),
    }
    return { table, total }
  }

  static async priorities(organisationId: number, period: ReportPeriod): Promise<ReportTable> {
    const rows = await AlertFigures.alertsBy(organisationId, 'priority', periodsOf(period))
    const byPriority = new Map(rows.map((row) => [Number(row.key), row]))
    const all = Object.keys(PRIORITIES).map((key) => {
      const priority = Number(key)
      return byPriority.get(priority) ?? { key, current: 0, previous: 0 }
    })
    return {
      id: 'priorities',
      caption: 'Alerts sent by priority',
      columns: [{ heading: 'Priority', kind: 'label' }, ...COMPARED],
      rows: all.map((row) => [`${row.key}: ${PRIORITIES[Number(row.key)]}`, ...comparedCells(row)]),
      footer: ['All alerts', ...comparedCells(totalOf(all))],
      csvUrl: csvUrl(ALERTS_REPORT, 'priorities', period.query),
    }
  }

  /** The chart: this period's alerts by category, each bar in layers by priority. */
  static async categoryChart(organisationId: number, period: ReportPeriod) {
    const cells = await AlertFigures.categoryByPriority(organisationId, periodsOf(period).current)
    const slugs = [...new Set(cells.map((cell) => cell.category))].sort((a, b) =>
      categoryName(a).localeCompare(categoryName(b))
    )
    const priorities = [...new Set(cells.map((cell) => cell.priority))].sort()
    const value = (slug: string, priority: number) =>
      cells.find((cell) => cell.category === slug && cell.priority === priority)?.total ?? 0
    return StackedBarChart.build({
      id: 'by-category',
      title: 'Alerts sent by category and priority',
      description: `The alerts sent from ${period.label}, by category, each bar in layers by priority.`,
      categoryHeading: 'Category',
      categories: slugs.map(categoryName),
      series: priorities.map((priority) => ({
        key: `priority-${priority}`,
        label: PRIORITIES[priority] ?? `Priority ${priority}`,
        values: slugs.map((slug) => value(slug, priority)),
      })),
      csvUrl: csvUrl(ALERTS_REPORT, 'by-category', period.query),
      unit: 'alerts',
    })
  }

  static async deliveries(organisationId: number, period: ReportPeriod) {
    const channels = await AlertFigures.deliveriesByChannel(organisationId, periodsOf(period))
    const empty = { sent: 0, delivered: 0, failed: 0, other: 0, total: 0 }
    const sum = (which: 'current' | 'previous') =>
      channels.reduce(
        (total, one) => {
          for (const key of Object.keys(total) as (keyof typeof empty)[])
            total[key] += one[which][key]
          return total
        },
        { ...empty }
      )
    const cells = (name: string, one: Pick<ChannelOutcomes, 'current' | 'previous'>) => [
      name,
      one.current.sent,
      one.current.delivered,
      one.current.failed,
      one.current.other,
      one.current.total,
      failureRate(one.current),
      one.previous.total,
      failureRate(one.previous),
    ]
    const totals = { current: sum('current'), previous: sum('previous') }
    const table: ReportTable = {
      id: 'deliveries',
      caption: 'Deliveries by channel',
      note: 'The deliveries of the alerts sent in each period, whenever they went out. Sent: the provider accepted it (confirmed delivered when the provider said it arrived). Other: still waiting, skipped by the resident’s own rules, or cancelled with the alert. Failure rate: failed out of those sent or failed.',
      columns: [
        { heading: 'Channel', kind: 'label' },
        { heading: 'Sent', kind: 'count' },
        { heading: 'Of which confirmed delivered', kind: 'count' },
        { heading: 'Failed', kind: 'count' },
        { heading: 'Other', kind: 'count' },
        { heading: 'Total', kind: 'count' },
        { heading: 'Failure rate', kind: 'rate' },
        { heading: 'Previous period: total', kind: 'count' },
        { heading: 'Previous period: failure rate', kind: 'rate' },
      ],
      rows: channels.map((one) => cells(channelName(one.channel), one)),
      footer: cells('All channels', totals),
      csvUrl: csvUrl(ALERTS_REPORT, 'deliveries', period.query),
    }
    return { table, channels, totals }
  }

  /** The chart: this period's deliveries by channel, each bar in layers by outcome. */
  static channelChart(period: ReportPeriod, channels: ChannelOutcomes[]) {
    const series = [
      { key: 'sent', label: 'Sent', fill: CHART_FILLS[0] },
      { key: 'failed', label: 'Failed', fill: CHART_FILLS[7] },
      { key: 'other', label: 'Other', fill: CHART_FILLS[5] },
    ] as const
    return StackedBarChart.build({
      id: 'by-channel',
      title: 'Deliveries by channel',
      description: `The deliveries of the alerts sent from ${period.label}, by channel: sent, failed, or neither.`,
      categoryHeading: 'Channel',
      categories: channels.map((one) => channelName(one.channel)),
      series: series.map(({ key, label, fill }) => ({
        key,
        label,
        fill,
        values: channels.map((one) => one.current[key]),
      })),
      csvUrl: csvUrl(ALERTS_REPORT, 'by-channel', period.query),
      unit: 'deliveries',
    })
  }
}
