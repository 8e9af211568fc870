import { scaleBand, scaleLinear } from 'd3-scale'
import { stack } from 'd3-shape'
import { CHART_FILLS, type ChartFill } from '#services/platform/charts/chart_fills'
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

const WIDTH = 720
const PLOT_HEIGHT = 260
const MARGIN = { top: 16, right: 16, bottom: 48, left: 56 }
const LEGEND_ROW = 22
const LEGEND_COLUMNS = 2
// Beyond this many bars, every other label (or fewer) is written, so they do not overlap.
const MAX_X_LABELS = 12

export default class StackedBarChart {
  static build(input: ChartInput): ChartModel {
    const { categories, series } = input
    const totals = categories.map((_, index) =>
      series.reduce((sum, one) => sum + (one.values[index] ?? 0), 0)
    )
    const max = Math.max(0, ...totals)
    const legendRows = Math.ceil(series.length / LEGEND_COLUMNS)
    const plotBottom = MARGIN.top + PLOT_HEIGHT
    const height = plotBottom + MARGIN.bottom + legendRows * LEGEND_ROW

    const x = scaleBand<number>()
      .domain(categories.map((_, index) => index))
      .range([MARGIN.left, WIDTH - MARGIN.right])
      .paddingInner(0.15)
      .paddingOuter(0.1)
    const y = scaleLinear()
      .domain([0, max || 1])
      .nice(5)
      .range([plotBottom, MARGIN.top])

    const fills: SeriesFill[] = series.map((one, index) => ({
      ...(one.fill ?? CHART_FILLS[index % CHART_FILLS.length]),
      patternId: `${input.id}-fill-${index}`,
    }))

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

    const step = Math.ceil(categories.length / MAX_X_LABELS)
    const xTicks = categories
      .map((label, index) => ({ x: round(x(index)! + x.bandwidth() / 2), label, index }))
      .filter((tick) => tick.index % step === 0)
      .map(({ x: at, label }) => ({ x: at, label }))
    const yTicks = y
      .ticks(5)
      .filter((value) => Number.isInteger(value))
      .map((value) => ({ y: round(y(value)), label: value.toLocaleString('en-GB') }))

    const columnWidth = (WIDTH - MARGIN.left - MARGIN.right) / LEGEND_COLUMNS
    const legend = series.map((one, index) => ({
      x: round(MARGIN.left + (index % LEGEND_COLUMNS) * columnWidth),
      y: plotBottom + MARGIN.bottom - 8 + Math.floor(index / LEGEND_COLUMNS) * LEGEND_ROW,
      label: one.label,
      fill: fills[index],
    }))

    return {
      ...input,
      kind: 'bar',
      width: WIDTH,
      height,
      plot: { left: MARGIN.left, top: MARGIN.top, right: WIDTH - MARGIN.right, bottom: plotBottom },
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

function round(value: number) {
  return Math.round(value * 10) / 10
}
