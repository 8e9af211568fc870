import { scalePoint } from 'd3-scale'
import { WIDTH, axesAndLegend, chartFrame, round } from '#services/platform/charts/chart_frame'
import type {
  ChartInput,
  ChartModel,
  SeriesFill,
} from '#services/platform/charts/stacked_bar_chart'

/**
 * A line chart drawn on the server as SVG, for a level over time (how many
 * residents at the end of each day) rather than counts that add up: the
 * same model, component and CSV as StackedBarChart (@!chart({ chart })),
 * drawn as lines with a marker at every point. The y axis starts at zero,
 * so a small change is not drawn as a large one. Each series keeps a
 * dash pattern of its own as well as its colour, and the legend and the
 * table name each one, so colour is never the only way to tell them apart.
 * Levels do not add up: the table and the CSV have no total column.
 */

export interface ChartPoint {
  x: number
  y: number
  seriesKey: string
  category: string
  value: number
  /** Read by a pointer's tooltip: "20 Mar 2026, Residents: 6". */
  text: string
}

export interface ChartLine {
  seriesKey: string
  fill: SeriesFill
  /** The SVG path through the points, in order. */
  path: string
  dash: string
  points: ChartPoint[]
}

const MARGIN = { top: 16, right: 24, bottom: 48, left: 56 }
// Fewer labels than the bars' 12: a point's label is centred on it, and dates are long.
const MAX_X_LABELS = 7
const DASHES = ['', '8 4', '2 4', '12 4 2 4']

export default class LineChart {
  static build(input: ChartInput): ChartModel {
    const { categories, series } = input
    const max = Math.max(0, ...series.flatMap((one) => one.values))
    const frame = chartFrame(input, max, MARGIN)
    const { height, y, fills } = frame
    const x = scalePoint<number>()
      .domain(categories.map((_, index) => index))
      .range([MARGIN.left, WIDTH - MARGIN.right])
      .padding(0.5)
    const lines: ChartLine[] = series.map((one, seriesIndex) => {
      const points = categories.map((category, index) => {
        const value = one.values[index] ?? 0
        return {
          x: round(x(index)!),
          y: round(y(value)),
          seriesKey: one.key,
          category,
          value,
          text: `${category}, ${one.label}: ${value.toLocaleString('en-GB')}`,
        }
      })
      return {
        seriesKey: one.key,
        fill: fills[seriesIndex],
        path: points.map((point, index) => `${index ? 'L' : 'M'}${point.x},${point.y}`).join(' '),
        dash: DASHES[seriesIndex % DASHES.length],
        points,
      }
    })

    const { xTicks, yTicks, legend, plot } = axesAndLegend(input, frame, {
      margin: MARGIN,
      maxLabels: MAX_X_LABELS,
      xAt: (index) => x(index)!,
    })

    return {
      ...input,
      kind: 'line',
      width: WIDTH,
      height,
      plot,
      bars: [],
      lines,
      xTicks,
      yTicks,
      legend,
      fills,
      totals: [],
      empty: categories.length === 0 || series.length === 0,
    }
  }
}
