import type { ChartModel } from '#services/platform/charts/stacked_bar_chart'
import { spreadsheetCsv } from '#services/platform/infrastructure/spreadsheet_csv'

/** The chart's figures as CSV: the same table the page shows beside it, with a total column. */
export function chartCsv(chart: ChartModel) {
  return spreadsheetCsv(
    [chart.categoryHeading, ...chart.series.map((one) => one.label), 'Total'],
    chart.categories.map((category, index) => [
      category,
      ...chart.series.map((one) => one.values[index] ?? 0),
      chart.totals[index],
    ])
  )
}
