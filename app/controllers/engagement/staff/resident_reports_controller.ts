import type { HttpContext } from '@adonisjs/core/http'
import ResidentReport, {
  RESIDENTS_REPORT,
  WARDS_PER_PAGE,
  type ResidentTable,
} from '#services/engagement/reports/resident_report'
import { shown, tableCsv } from '#services/engagement/reports/report_table'
import { chartCsv } from '#services/platform/charts/chart_csv'
import { chosenReportPeriod } from '#controllers/engagement/staff/chosen_report_period'
import { SimplePaginator } from '@adonisjs/lucid/database'

/** Reports → Residents: the current organisation's residents over a period, and the one before. */
export default class ResidentReportsController {
  async index(ctx: HttpContext) {
    const { view, membership, bouncer } = ctx
    const organisationId = membership.organisationId
    await bouncer.with('ReportPolicy').authorize('viewOrganisationReports', organisationId)
    const { period, errors, picker, page } = await chosenReportPeriod(ctx)
    if (!period) return view.render('pages/staff/reports/residents', { errors, picker })

    const summary = await ResidentReport.summary(organisationId, period)
    const wards = await ResidentReport.wards(organisationId, period, page)
    const paginator = new SimplePaginator(wards.total, WARDS_PER_PAGE, page, ...wards.table.rows)
    paginator.baseUrl(RESIDENTS_REPORT).queryString(period.query)
    return view.render('pages/staff/reports/residents', {
      errors,
      picker,
      period,
      summary,
      chart: ResidentReport.overTime(period, summary.ends),
      tables: [
        shown(await ResidentReport.sources(organisationId, period)),
        shown(await ResidentReport.districts(organisationId, period)),
      ],
      wards: shown(wards.table),
      wardPages: paginator,
      channels: shown(await ResidentReport.channels(organisationId, period)),
    })
  }

  /** One table of the report as CSV, for the same period; a period in error goes back to the page. */
  async csv(ctx: HttpContext) {
    const { params, response, membership, bouncer, request } = ctx
    const organisationId = membership.organisationId
    await bouncer.with('ReportPolicy').authorize('viewOrganisationReports', organisationId)
    const { period } = await chosenReportPeriod(ctx)
    if (!period) return response.redirect(`${RESIDENTS_REPORT}?${request.parsedUrl.query ?? ''}`)
    const table = String(params.table).replace(/\.csv$/, '') as ResidentTable
    let csv: string
    if (table === 'over-time') {
      const summary = await ResidentReport.summary(organisationId, period)
      csv = chartCsv(ResidentReport.overTime(period, summary.ends))
    } else if (table === 'sources') {
      csv = tableCsv(await ResidentReport.sources(organisationId, period))
    } else if (table === 'districts') {
      csv = tableCsv(await ResidentReport.districts(organisationId, period))
    } else if (table === 'wards') {
      const wards = await ResidentReport.wards(organisationId, period, 'all')
      csv = tableCsv(wards.table)
    } else {
      csv = tableCsv(await ResidentReport.channels(organisationId, period))
    }
    const name = `residents-${table}-${period.from.toISODate()}-to-${period.until.minus({ days: 1 }).toISODate()}.csv`
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="${name}"`)
    return csv
  }
}
