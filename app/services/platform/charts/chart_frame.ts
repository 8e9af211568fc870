import { scaleLinear, type ScaleLinear } from 'd3-scale'
import { CHART_FILLS } from '#services/platform/charts/chart_fills'
import type { ChartInput, SeriesFill } from '#services/platform/charts/stacked_bar_chart'

export const WIDTH = 720
const PLOT_HEIGHT = 260
const LEGEND_ROW = 22
const LEGEND_COLUMNS = 2

export interface Margin {
  top: number
  right: number
  bottom: number
  left: number
}

/** To a tenth of a pixel: enough for a sharp line, and a short SVG. */
export function round(value: number) {
  return Math.round(value * 10) / 10
}

/**
 * What every chart shares: its height (the plot, the axis labels, and a
 * legend row for every two series), the y scale from zero to a round
 * number above `max`, and each series' fill with a pattern of its own.
 */
export function chartFrame(input: ChartInput, max: number, margin: Margin) {
  const legendRows = Math.ceil(input.series.length / LEGEND_COLUMNS)
  const plotBottom = margin.top + PLOT_HEIGHT
  const height = plotBottom + margin.bottom + legendRows * LEGEND_ROW
  const y = scaleLinear()
    .domain([0, max || 1])
    .nice(5)
    .range([plotBottom, margin.top])
  const fills: SeriesFill[] = input.series.map((one, index) => ({
    ...(one.fill ?? CHART_FILLS[index % CHART_FILLS.length]),
    patternId: `${input.id}-fill-${index}`,
  }))
  return { plotBottom, height, y, fills }
}

/**
 * The axes' labels and the legend. `xAt` places a category's label; at
 * most `maxLabels` are written (every other one, or fewer), so they never
 * overlap. The y axis is labelled at whole numbers only.
 */
export function axesAndLegend(
  input: ChartInput,
  frame: { plotBottom: number; y: ScaleLinear<number, number>; fills: SeriesFill[] },
  options: { margin: Margin; maxLabels: number; xAt: (index: number) => number }
) {
  const { categories, series } = input
  const step = Math.ceil(categories.length / options.maxLabels)
  const xTicks = categories
    .map((label, index) => ({ x: round(options.xAt(index)), label, index }))
    .filter((tick) => tick.index % step === 0)
    .map(({ x: at, label }) => ({ x: at, label }))
  const yTicks = frame.y
    .ticks(5)
    .filter((value) => Number.isInteger(value))
    .map((value) => ({ y: round(frame.y(value)), label: value.toLocaleString('en-GB') }))
  const columnWidth = (WIDTH - options.margin.left - options.margin.right) / LEGEND_COLUMNS
  const legend = series.map((one, index) => ({
    x: round(options.margin.left + (index % LEGEND_COLUMNS) * columnWidth),
    y:
      frame.plotBottom +
      options.margin.bottom -
      8 +
      Math.floor(index / LEGEND_COLUMNS) * LEGEND_ROW,
    label: one.label,
    fill: frame.fills[index],
  }))
  const plot = {
    left: options.margin.left,
    top: options.margin.top,
    right: WIDTH - options.margin.right,
    bottom: frame.plotBottom,
  }
  return { xTicks, yTicks, legend, plot }
}
