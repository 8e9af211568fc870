import type { HttpContext } from '@adonisjs/core/http'
import { ALERTS_REPORT } from '#services/engagement/reports/alert_report'
import OpenClickReport, {
  type OpenClickTable,
} from '#services/engagement/reports/open_click_report'
import { tableCsv } from '#services/engagement/reports/report_table'
import { chartCsv } from '#services/platform/charts/chart_csv'
import { chosenReportPeriod } from '#controllers/engagement/staff/chosen_report_period'

/** Reports → Alerts and deliveries: the open and click rates' chart and table as CSV, for the period chosen. */
export default class OpenClickReportsController {
  async csv(ctx: HttpContext) {
    const { params, response, membership, bouncer, request } = ctx
    const organisationId = membership.organisationId
    await bouncer.with('ReportPolicy').authorize('viewOrganisationReports', organisationId)
    const { period } = await chosenReportPeriod(ctx)
    if (!period) return response.redirect(`${ALERTS_REPORT}?${request.parsedUrl.query ?? ''}`)
    const table = String(params.table).replace(/\.csv$/, '') as OpenClickTable
    const report = await OpenClickReport.of(organisationId, period)
    const csv = table === 'open-click-rates' ? chartCsv(report.chart) : tableCsv(report.table)
    const name = `alerts-${table}-${period.from.toISODate()}-to-${period.until.minus({ days: 1 }).toISODate()}.csv`
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="${name}"`)
    return csv
  }
}
