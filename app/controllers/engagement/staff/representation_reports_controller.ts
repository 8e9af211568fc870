import type { HttpContext } from '@adonisjs/core/http'
import RepresentationReport, {
  type RepresentationTable,
} from '#services/engagement/reports/representation_report'
import { shown, tableCsv } from '#services/engagement/reports/report_table'

/** Reports → Who we reach: the residents against the Census, by area and by group. */
export default class RepresentationReportsController {
  async index({ view, membership, bouncer }: HttpContext) {
    await bouncer
      .with('ReportPolicy')
      .authorize('viewOrganisationReports', membership.organisationId)
    const figures = await RepresentationReport.figures(membership.organisationId)
    const table = (name: RepresentationTable) => shown(RepresentationReport.table(figures, name))
    return view.render('pages/staff/reports/who_we_reach', {
      figures,
      censusLoaded: figures.censusLoaded,
      hasArea: figures.wardIds.length > 0,
      ranked: table('ranked'),
      wards: { ...table('wards'), areaCodes: figures.wards.map((ward) => ward.code) },
      districts: table('districts'),
      groups: table('groups'),
      chart: RepresentationReport.chart(figures),
    })
  }

  async csv({ params, response, membership, bouncer }: HttpContext) {
    await bouncer
      .with('ReportPolicy')
      .authorize('viewOrganisationReports', membership.organisationId)
    const name = String(params.table).replace(/\.csv$/, '') as RepresentationTable
    const figures = await RepresentationReport.figures(membership.organisationId)
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="who-we-reach-${name}.csv"`)
    return tableCsv(RepresentationReport.table(figures, name))
  }
}
