import { scaleBand } from 'd3-scale'
import { stack } from 'd3-shape'
import type { ChartFill } from '#services/platform/charts/chart_fills'
import { WIDTH, axesAndLegend, chartFrame, round } from '#services/platform/charts/chart_frame'
import type { ChartLine } from '#services/platform/charts/line_chart'

/**
 * A stacked bar chart drawn on the server as SVG, with its data table and
 * its CSV: what every report in Beacon uses to show counts over time or by
 * group. It works without JavaScript and is read out by screen readers (the
 * SVG is an image with a title and a description; the table beside it holds
 * every figure).
 *
 * To use it in a report:
 *   1. Build it in the service or controller:
 *        const chart = StackedBarChart.build({
 *          id: 'deliveries-over-time', title: 'Deliveries over time',
 *          description: 'Deliveries sent and failed every 5 minutes, by channel.',
 *          categoryHeading: 'Time', categories: ['09:00', '09:05'],
 *          series: [{ key: 'email-sent', label: 'Email sent', values: [10, 4] }],
 *          csvUrl: '/staff/…/chart.csv',
 *        })
 *   2. Render it in the view: @!chart({ chart })  (resources/views/components/chart.edge)
 *   3. Answer its CSV link with chartCsv(chart) (chart_csv.ts), from the same figures.
 * Series are stacked in the order given and keep their fill (colour and
 * pattern) by position, so give them in a stable order.
 */

export interface ChartSeries {
  key: string
  label: string
  values: number[]
  /** Its own colour and pattern, when they mean something (a colour per channel, a pattern per status); otherwise the next of CHART_FILLS. */
  fill?: ChartFill
}

export interface ChartInput {
  /** Unique on the page: the SVG's ids (patterns, title) start with it. */
  id: string
  title: string
  /** One or two sentences saying what the chart shows and what stands out. */
  description: string
  /** The heading of the table's first column: "Time", "Area"… */
  categoryHeading: string
  categories: string[]
  series: ChartSeries[]
  csvUrl: string
  /** The unit counted, for the axis: "deliveries". */
  unit?: string
}

export type SeriesFill = ChartFill & { patternId: string }

export interface ChartBar {
  x: number
  y: number
  width: number
  height: number
  fill: SeriesFill
  seriesKey: string
  category: string
  value: number
  /** Read by a pointer's tooltip: "09:05, Email sent: 4". */
  text: string
}

export interface ChartModel extends ChartInput {
  /** Bars (this builder) or lines (LineChart, for levels over time); bars when not said. */
  kind?: 'bar' | 'line'
  lines?: ChartLine[]
  width: number
  height: number
  plot: { left: number; top: number; right: number; bottom: number }
  bars: ChartBar[]
  yTicks: { y: number; label: string }[]
  xTicks: { x: number; label: string }[]
  legend: { x: number; y: number; label: string; fill: SeriesFill }[]
  fills: SeriesFill[]
  totals: number[]
  empty: boolean
}

const MARGIN = { top: 16, right: 16, bottom: 48, left: 56 }
// Beyond this many bars, every other label (or fewer) is written, so they do not overlap.
const MAX_X_LABELS = 12

export default class StackedBarChart {
  static build(input: ChartInput): ChartModel {
    const { categories, series } = input
    const totals = categories.map((_, index) =>
      series.reduce((sum, one) => sum + (one.values[index] ?? 0), 0)
    )
    const max = Math.max(0, ...totals)
    const frame = chartFrame(input, max, MARGIN)
    const { height, y, fills } = frame
    const x = scaleBand<number>()
      .domain(categories.map((_, index) => index))
      .range([MARGIN.left, WIDTH - MARGIN.right])
      .paddingInner(0.15)
      .paddingOuter(0.1)

    const rows = categories.map((_, index) =>
      Object.fromEntries(series.map((one) => [one.key, one.values[index] ?? 0]))
    )
    const layers = stack<Record<string, number>>().keys(series.map((one) => one.key))(rows)
    const bars: ChartBar[] = []
    layers.forEach((layer, seriesIndex) => {
      layer.forEach(([low, high], categoryIndex) => {
        if (high === low) return
        bars.push({
          x: round(x(categoryIndex)!),
          y: round(y(high)),
          width: round(x.bandwidth()),
          height: round(y(low) - y(high)),
          fill: fills[seriesIndex],
          seriesKey: series[seriesIndex].key,
          category: categories[categoryIndex],
          value: high - low,
          text: `${categories[categoryIndex]}, ${series[seriesIndex].label}: ${high - low}`,
        })
      })
    })

    const { xTicks, yTicks, legend, plot } = axesAndLegend(input, frame, {
      margin: MARGIN,
      maxLabels: MAX_X_LABELS,
      xAt: (index) => x(index)! + x.bandwidth() / 2,
    })

    return {
      ...input,
      kind: 'bar',
      width: WIDTH,
      height,
      plot,
      bars,
      xTicks,
      yTicks,
      legend,
      fills,
      totals,
      empty: max === 0,
    }
  }
}
