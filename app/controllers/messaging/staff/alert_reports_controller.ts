import type { HttpContext } from '@adonisjs/core/http'
import Alert, { UNSENT_STATUSES } from '#models/messaging/alert'
import AuditLogger from '#services/platform/audit/audit_logger'
import { chartCsv } from '#services/platform/charts/chart_csv'
import { spreadsheetCsvStream } from '#services/platform/infrastructure/spreadsheet_csv'
import DeliveryFigures from '#services/messaging/reports/delivery_figures'
import DeliveryReport from '#services/messaging/reports/delivery_report'
import DeliveryTimeline from '#services/messaging/reports/delivery_timeline'
import OpenClickRates, { OPEN_RATE_CAVEAT } from '#services/messaging/reports/open_click_rates'
import DeliveryFailures, {
  FAILURE_SORTS,
  type FailureFilters,
} from '#services/messaging/reports/delivery_failures'
import { deliveryReportFiltersValidator } from '#validators/messaging/delivery_report_filters'
import { chosenFilters } from '#validators/residents/resident'
import LondonTime from '#services/platform/infrastructure/london_time'
import type { ProgressCounts } from '#services/messaging/delivery/alert_progress'

// The counts table's columns: the ledger's statuses, then the retried and suppressed figures.
const COLUMNS = [
  ['total', 'Total'],
  ['sent', 'Sent'],
  ['delivered', 'Of which confirmed delivered'],
  ['waiting', 'Waiting'],
  ['failed', 'Failed'],
  ['skipped', 'Skipped'],
  ['cancelled', 'Cancelled'],
  ['retried', 'Tried more than once'],
  ['suppressed', 'Contact suppressed'],
] as const

const labels = {
  columns: COLUMNS,
  count(counts: ProgressCounts, figures: { retried: number; suppressed: number }, key: string) {
    if (key === 'waiting') return counts.pending + counts.sending
    if (key === 'retried' || key === 'suppressed') return figures[key]
    return counts[key as keyof ProgressCounts]
  },
  when: (time: Parameters<typeof LondonTime.short>[0]) => LondonTime.short(time),
}

/**
 * An alert's delivery report, on its own page (linked from the alert's page):
 * its figures read every delivery of the alert and its failures list pages
 * and filters by the address, neither of which belongs on the alert page that
 * refreshes its counts while it sends.
 */
export default class AlertReportsController {
  async show(ctx: HttpContext) {
    const { request, view } = ctx
    const { alert, showNames } = await this.#authorised(ctx)
    const [invalid, valid] = await request.tryValidateUsing(deliveryReportFiltersValidator, {
      data: chosenFilters(request.qs()),
    })
    const { page, ...chosen } = valid ?? {}
    const filters = this.#allowed(chosen, showNames)
    const figures = await DeliveryFigures.of(alert.id)
    const report = await DeliveryReport.of(alert, figures)
    const chart = DeliveryTimeline.chart(DeliveryTimeline.of(figures), alert.id)
    const failures = await DeliveryFailures.page(alert.id, filters, page ?? 1, showNames)
    failures.paginator.baseUrl(`/staff/alerts/${alert.id}/report`).queryString(filters)
    if (filters.q) await this.#audit(ctx, alert, 'alerts.failures_searched', filters)
    return view.render('pages/staff/alerts/report', {
      ...labels,
      alert,
      report,
      chart,
      failures,
      filters,
      filtered: Boolean(filters.channel || filters.reason || filters.q),
      unrecognisedFilter: invalid !== null,
      reasons: await DeliveryFailures.reasonCounts(alert.id),
      sorts: FAILURE_SORTS,
      showNames,
      csvQuery: new URLSearchParams(filters as Record<string, string>).toString(),
      unsent: UNSENT_STATUSES.includes(alert.status),
      openClicks: { ...(await OpenClickRates.ofAlert(alert.id)), caveat: OPEN_RATE_CAVEAT },
    })
  }

  /** The chart's figures, as the page's table shows them. */
  async timelineCsv(ctx: HttpContext) {
    const { alert } = await this.#authorised(ctx)
    const figures = await DeliveryFigures.of(alert.id)
    const chart = DeliveryTimeline.chart(DeliveryTimeline.of(figures), alert.id)
    this.#download(ctx, `alert-${alert.id}-deliveries-over-time.csv`)
    return chartCsv(chart)
  }

  /** Every failure matching the page's filters, streamed: a large alert's run to many thousands. */
  async failuresCsv(ctx: HttpContext) {
    const { request, response } = ctx
    const { alert, showNames } = await this.#authorised(ctx)
    const [invalid, valid] = await request.tryValidateUsing(deliveryReportFiltersValidator, {
      data: chosenFilters(request.qs()),
    })
    // Every page of failures, whichever page the link was on.
    const { channel, reason, q, sort } = invalid ? {} : (valid ?? {})
    const filters = this.#allowed({ channel, reason, q, sort }, showNames)
    await this.#audit(ctx, alert, 'alerts.failures_exported', filters)
    const header = [
      'Channel',
      ...(showNames ? ['Resident'] : []),
      'Contact (in part)',
      'Reason',
      'Provider’s words',
      'Attempts',
      'Last attempt (UTC)',
    ]
    const rows = (async function* () {
      for await (const failures of DeliveryFailures.pages(alert.id, filters, showNames)) {
        yield failures.map((failure) => [
          failure.channelLabel,
          ...(showNames ? [failure.name ?? 'Erased resident'] : []),
          failure.contact,
          failure.reason,
          failure.rawReason,
          failure.attempts,
          failure.lastAttemptAt?.toUTC().toISO() ?? '',
        ])
      }
    })()
    this.#download(ctx, `alert-${alert.id}-failed-deliveries.csv`)
    response.stream(spreadsheetCsvStream(header, rows))
  }

  /**
   * Staff of the alert's organisation who may read its alerts (and, for a joint alert, the co-signer's);
   * names only to those who may see residents.
   */
  async #authorised({ params, bouncer, membership }: HttpContext) {
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('viewReport', alert)
    // A co-signer sees the figures, never the names of the owner's residents.
    const showNames =
      membership.organisationId === alert.organisationId &&
      (await bouncer.with('ResidentPolicy').allows('viewList', membership.organisationId))
    return { alert, showNames }
  }

  /** Searching by a resident's name or email is for staff who may see residents. */
  #allowed(filters: FailureFilters, showNames: boolean): FailureFilters {
    const { q, ...rest } = filters
    const chosen = Object.entries(showNames ? { ...rest, q } : rest).filter(
      ([, value]) => value !== undefined
    )
    return Object.fromEntries(chosen)
  }

  #download({ response }: HttpContext, filename: string) {
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="${filename}"`)
  }

  async #audit(ctx: HttpContext, alert: Alert, action: string, filters: FailureFilters) {
    await AuditLogger.record(ctx, {
      action,
      organisationId: alert.organisationId,
      subjectType: 'alert',
      subjectId: alert.id,
      details: { ...filters },
    })
  }
}
