import type { HttpContext } from '@adonisjs/core/http'
import RepresentationReport, {
  REPRESENTATION_TABLES,
  WHO_WE_REACH,
  type FiguresTable,
  type RepresentationTable,
} from '#services/engagement/reports/representation_report'
import { shown, tableCsv } from '#services/engagement/reports/report_table'
import ReachWardList, { WARDS_PER_PAGE } from '#services/engagement/reports/reach_ward_list'
import ReachWardGroups from '#services/engagement/reports/reach_ward_groups'
import ListFilterMemory, { ALL_PARAMETER } from '#services/platform/site/list_filter_memory'
import {
  AS_AT_OPTIONS,
  NamedPagePaginator,
  SORT_OPTIONS,
  chosenReachFilters,
} from '#controllers/engagement/staff/chosen_reach_filters'

const LIST = 'who-we-reach'

/** Reports → Who we reach: the residents against the Census, by area and by group. */
export default class RepresentationReportsController {
  async index(ctx: HttpContext) {
    const { view, membership, bouncer, response } = ctx
    await bouncer
      .with('ReportPolicy')
      .authorize('viewOrganisationReports', membership.organisationId)
    const remembered = ListFilterMemory.remembered(ctx, LIST, WHO_WE_REACH)
    if (remembered) return response.redirect(remembered)
    const filters = await chosenReachFilters(ctx)
    const forms = {
      filters,
      asAtOptions: AS_AT_OPTIONS,
      sortOptions: SORT_OPTIONS,
      dimensionOptions: ReachWardGroups.options(),
    }
    const { asAt } = filters
    if (!asAt) return view.render('pages/staff/reports/who_we_reach', { ...forms })
    ListFilterMemory.remember(ctx, LIST, filters.keeping('page', 'groupsPage'))

    const organisationId = membership.organisationId
    const figures = await RepresentationReport.figures(organisationId, asAt.at)
    const before = await RepresentationReport.average(organisationId, asAt.previous)
    const table = (name: FiguresTable) =>
      shown(RepresentationReport.table(figures, name, asAt.query))

    const wardPage = ReachWardList.page(figures.wards, filters)
    const wardPages = new NamedPagePaginator('page', wardPage.total, WARDS_PER_PAGE, wardPage.page)
      .keeping(filters.keeping('page'))
      .baseUrl(WHO_WE_REACH)
    const groups = await ReachWardGroups.page(organisationId, figures, asAt, filters)
    const groupPages = new NamedPagePaginator(
      'groupsPage',
      groups.total,
      WARDS_PER_PAGE,
      groups.page
    )
      .keeping(filters.keeping('groupsPage'))
      .baseUrl(WHO_WE_REACH)
    return view.render('pages/staff/reports/who_we_reach', {
      ...forms,
      asAt,
      figures,
      before,
      censusLoaded: figures.censusLoaded,
      hasArea: figures.wardIds.length > 0,
      ranked: table('ranked'),
      wards: shown(RepresentationReport.wardsTable(wardPage.rows, asAt.query)),
      wardRows: wardPage.rows,
      wardsTotal: wardPage.total,
      // "?all=1": the bare address would bring the remembered search back.
      clearSearchUrl: `${WHO_WE_REACH}?${new URLSearchParams({ ...filters.keeping('q', 'page'), [ALL_PARAMETER]: '1' })}`,
      wardPages,
      wardGroups: shown(groups.table),
      groupsBy: groups.dimension,
      groupsHaveFigures: groups.hasFigures,
      groupPages,
      districts: table('districts'),
      groups: table('groups'),
      chart: RepresentationReport.chart(figures, asAt.query),
    })
  }

  /** One table, every row, as at the date chosen; a date in error goes back to the page. */
  async csv(ctx: HttpContext) {
    const { params, response, membership, bouncer, request } = ctx
    await bouncer
      .with('ReportPolicy')
      .authorize('viewOrganisationReports', membership.organisationId)
    const name = String(params.table).replace(/\.csv$/, '') as RepresentationTable
    if (!REPRESENTATION_TABLES.includes(name)) return response.notFound()
    const filters = await chosenReachFilters(ctx)
    const { asAt } = filters
    if (!asAt) return response.redirect(`${WHO_WE_REACH}?${request.parsedUrl.query ?? ''}`)
    const figures = await RepresentationReport.figures(membership.organisationId, asAt.at)
    const table =
      name === 'ward-groups'
        ? await ReachWardGroups.all(membership.organisationId, figures, asAt, filters)
        : RepresentationReport.table(figures, name, asAt.query)
    const dated = asAt.at ? `-${asAt.at.minus({ days: 1 }).toISODate()}` : ''
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header(
      'content-disposition',
      `attachment; filename="who-we-reach-${name}${dated}.csv"`
    )
    return tableCsv(table)
  }
}
