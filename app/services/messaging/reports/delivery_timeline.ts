import { DateTime } from 'luxon'
import channelRegistry from '#services/platform/plugins/channel_registry'
import StackedBarChart from '#services/platform/charts/stacked_bar_chart'
import { CHART_FILLS } from '#services/platform/charts/chart_fills'
import { LONDON } from '#services/platform/infrastructure/london_time'
import type { FigureRow } from '#services/messaging/reports/delivery_figures'

// Each channel keeps a colour, each outcome a pattern: solid for confirmed, stripes for sent, dots for failed.
export const TIMELINE_OUTCOMES = [
  { status: 'delivered', label: 'confirmed delivered', pattern: 'solid' },
  { status: 'sent', label: 'sent, not yet confirmed', pattern: 'diagonal' },
  { status: 'failed', label: 'failed', pattern: 'dots' },
] as const

// Bucket sizes to pick from, in seconds: the smallest that draws the send in at most MAX_BUCKETS bars.
const INTERVALS = [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400]
const MAX_BUCKETS = 48

export interface Timeline {
  /** Seconds per bar. */
  interval: number
  intervalLabel: string
  /** Each bar's start, in epoch seconds. */
  starts: number[]
  /** channel → status → count per bar */
  counts: Map<string, Map<string, number[]>>
}

export function describeInterval(seconds: number) {
  if (seconds === 60) return 'minute'
  if (seconds < 3600) return `${seconds / 60} minutes`
  if (seconds === 3600) return 'hour'
  if (seconds < 86400) return `${seconds / 3600} hours`
  return seconds === 86400 ? 'day' : 'week'
}

/**
 * The alert's sent, confirmed and failed deliveries by channel over time:
 * bars of an interval chosen from the send's length (a minute for a short
 * send, up to a week for one that kept retrying), added up from the
 * one-minute counts of DeliveryFigures.
 */
export default class DeliveryTimeline {
  static of(figures: FigureRow[]): Timeline {
    const rows = figures.filter(
      (row): row is FigureRow & { minute: number } =>
        row.minute !== null && ['sent', 'delivered', 'failed'].includes(row.status)
    )
    const minutes = rows.map((row) => row.minute)
    if (minutes.length === 0) {
      return {
        interval: 60,
        intervalLabel: describeInterval(60),
        starts: [],
        counts: new Map(),
      }
    }
    // Not Math.min(...minutes): a send that retried for weeks has too many minutes to spread.
    const firstMinute = minutes.reduce((a, b) => Math.min(a, b))
    const lastMinute = minutes.reduce((a, b) => Math.max(a, b))
    const span = (lastMinute - firstMinute + 1) * 60
    const interval =
      INTERVALS.find((seconds) => Math.ceil(span / seconds) + 1 <= MAX_BUCKETS) ?? INTERVALS.at(-1)!
    const start = Math.floor((firstMinute * 60) / interval) * interval
    const buckets = Math.floor((lastMinute * 60 - start) / interval) + 1
    const starts = Array.from({ length: buckets }, (_, index) => start + index * interval)

    const counts = new Map<string, Map<string, number[]>>()
    for (const row of rows) {
      const byStatus = counts.get(row.channel) ?? new Map<string, number[]>()
      counts.set(row.channel, byStatus)
      const values = byStatus.get(row.status) ?? new Array<number>(buckets).fill(0)
      byStatus.set(row.status, values)
      values[Math.floor((row.minute * 60 - start) / interval)] += row.total
    }
    return {
      interval,
      intervalLabel: describeInterval(interval),
      starts,
      counts,
    }
  }

  /** Each bar's label in UK time: the hour and minute, with the day when the send spans days. */
  static labels(timeline: Timeline) {
    const times = timeline.starts.map((seconds) =>
      DateTime.fromSeconds(seconds, { zone: LONDON }).setLocale('en-GB')
    )
    const oneDay = times.length > 0 && times[0].hasSame(times.at(-1)!, 'day')
    const format = timeline.interval >= 86400 ? 'd LLL' : oneDay ? 'HH:mm' : 'd LLL HH:mm'
    return times.map((time) => time.toFormat(format))
  }

  /** The timeline as a chart: one series per channel and outcome that happened. */
  static chart(timeline: Timeline, alertId: number) {
    const categories = this.labels(timeline)
    const channels = [...timeline.counts.keys()].sort((a, b) =>
      a === 'email' ? -1 : b === 'email' ? 1 : a.localeCompare(b)
    )
    const series = channels.flatMap((channel, index) => {
      const label = channelRegistry.registered(channel)?.label ?? channel
      const colour = CHART_FILLS[index % CHART_FILLS.length].colour
      return TIMELINE_OUTCOMES.filter((outcome) =>
        timeline.counts.get(channel)!.has(outcome.status)
      ).map((outcome) => ({
        key: `${channel}-${outcome.status}`,
        label: `${label}: ${outcome.label}`,
        values: timeline.counts.get(channel)!.get(outcome.status)!,
        fill: { colour, pattern: outcome.pattern },
      }))
    })
    const total = (status: string) =>
      series
        .filter((one) => one.key.endsWith(`-${status}`))
        .reduce((sum, one) => sum + one.values.reduce((a, b) => a + b, 0), 0)
    const sent = total('sent') + total('delivered')
    const description =
      categories.length === 0
        ? 'no delivery has been sent or has failed.'
        : `Deliveries sent and failed every ${timeline.intervalLabel} from ${categories[0]} to ${categories.at(-1)} (UK time), by channel: ${sent.toLocaleString('en-GB')} sent, of which ${total('delivered').toLocaleString('en-GB')} confirmed delivered, and ${total('failed').toLocaleString('en-GB')} failed.`
    return StackedBarChart.build({
      id: 'deliveries-over-time',
      title: 'Deliveries over time',
      description,
      categoryHeading: 'Starting at (UK time)',
      categories,
      series,
      csvUrl: `/staff/alerts/${alertId}/report/timeline.csv`,
      unit: 'deliveries',
    })
  }
}
