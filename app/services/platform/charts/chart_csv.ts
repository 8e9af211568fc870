import type { ChartModel } from '#services/platform/charts/stacked_bar_chart'
import { spreadsheetCsv } from '#services/platform/infrastructure/spreadsheet_csv'

/** The chart's figures as CSV: the same table the page shows beside it, with a total column when the series add up (bars). */
export function chartCsv(chart: ChartModel) {
  const totals = chart.kind !== 'line'
  return spreadsheetCsv(
    [chart.categoryHeading, ...chart.series.map((one) => one.label), ...(totals ? ['Total'] : [])],
    chart.categories.map((category, index) => [
      category,
      ...chart.series.map((one) => one.values[index] ?? 0),
      ...(totals ? [chart.totals[index]] : []),
    ])
  )
}
