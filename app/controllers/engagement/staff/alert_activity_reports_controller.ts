import type { HttpContext } from '@adonisjs/core/http'
import AlertReport, {
  ALERTS_REPORT,
  type AlertTable,
} from '#services/engagement/reports/alert_report'
import { shown, tableCsv } from '#services/engagement/reports/report_table'
import { chartCsv } from '#services/platform/charts/chart_csv'
import { chosenReportPeriod } from '#controllers/engagement/staff/chosen_report_period'
import OpenClickReport from '#services/engagement/reports/open_click_report'

/** Reports → Alerts and deliveries: what the current organisation sent in a period, and how it went. */
export default class AlertActivityReportsController {
  async index(ctx: HttpContext) {
    const { view, membership, bouncer } = ctx
    const organisationId = membership.organisationId
    await bouncer.with('ReportPolicy').authorize('viewOrganisationReports', organisationId)
    const { period, errors, picker } = await chosenReportPeriod(ctx)
    if (!period) return view.render('pages/staff/reports/alerts', { errors, picker })

    const categories = await AlertReport.categories(organisationId, period)
    const deliveries = await AlertReport.deliveries(organisationId, period)
    return view.render('pages/staff/reports/alerts', {
      errors,
      picker,
      period,
      alerts: categories.total,
      deliveryTotals: deliveries.totals,
      categoryChart: await AlertReport.categoryChart(organisationId, period),
      channelChart: AlertReport.channelChart(period, deliveries.channels),
      alertTables: [
        shown(categories.table),
        shown(await AlertReport.priorities(organisationId, period)),
      ],
      deliveries: shown(deliveries.table),
      openClicks: await OpenClickReport.forPage(organisationId, period),
    })
  }

  /** One table or chart of the report as CSV, for the same period; a period in error goes back to the page. */
  async csv(ctx: HttpContext) {
    const { params, response, membership, bouncer, request } = ctx
    const organisationId = membership.organisationId
    await bouncer.with('ReportPolicy').authorize('viewOrganisationReports', organisationId)
    const { period } = await chosenReportPeriod(ctx)
    if (!period) return response.redirect(`${ALERTS_REPORT}?${request.parsedUrl.query ?? ''}`)
    const table = String(params.table).replace(/\.csv$/, '') as AlertTable
    let csv: string
    if (table === 'by-category') {
      csv = chartCsv(await AlertReport.categoryChart(organisationId, period))
    } else if (table === 'categories') {
      const { table: categories } = await AlertReport.categories(organisationId, period)
      csv = tableCsv(categories)
    } else if (table === 'priorities') {
      csv = tableCsv(await AlertReport.priorities(organisationId, period))
    } else {
      const deliveries = await AlertReport.deliveries(organisationId, period)
      csv =
        table === 'by-channel'
          ? chartCsv(AlertReport.channelChart(period, deliveries.channels))
          : tableCsv(deliveries.table)
    }
    const name = `alerts-${table}-${period.from.toISODate()}-to-${period.until.minus({ days: 1 }).toISODate()}.csv`
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="${name}"`)
    return csv
  }
}
