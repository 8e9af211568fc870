import { DateTime } from 'luxon'
import LineChart from '#services/platform/charts/line_chart'
import { RESIDENT_SOURCES } from '#services/residents/records/resident_directory'
import ResidentFigures, { type GroupCounts } from '#services/engagement/reports/resident_figures'
import type { ReportPeriod } from '#services/engagement/reports/report_period'
import {
  csvUrl,
  growthSentence,
  percentOf,
  type Column,
  type ReportTable,
} from '#services/engagement/reports/report_table'

export const RESIDENTS_REPORT = '/staff/reports/residents'
export const RESIDENT_TABLES = ['over-time', 'sources', 'districts', 'wards', 'channels'] as const
export type ResidentTable = (typeof RESIDENT_TABLES)[number]
export const WARDS_PER_PAGE = 25

const UNIT_HEADINGS = { day: 'Day', week: 'Week', month: 'Month' } as const

const GROWTH_COLUMNS: Column[] = [
  { heading: 'At the start', kind: 'count' },
  { heading: 'At the end', kind: 'count' },
  { heading: 'Change', kind: 'change' },
  { heading: 'Change (%)', kind: 'percent' },
]

const growthCells = ({ atStart, atEnd }: { atStart: number; atEnd: number }) => [
  atStart,
  atEnd,
  atEnd - atStart,
  percentOf(atStart, atEnd),
]

/**
 * Reports → Residents: how many residents the organisation has, how that
 * changed over the period and the one before it, and where they came from,
 * live and can be reached. Figures from ResidentFigures; each table here is
 * both the page's and its CSV.
 */
export default class ResidentReport {
  static async summary(organisationId: number, period: ReportPeriod) {
    const instants = [period.previous.from, period.from, ...period.buckets.map((one) => one.until)]
    const [previousStart, start, ...ends] = await ResidentFigures.at(organisationId, instants)
    const end = ends[ends.length - 1] ?? start
    return {
      previousStart,
      start,
      end,
      current: growthSentence(start, end),
      previous: growthSentence(previousStart, start),
      ends,
    }
  }

  static overTime(period: ReportPeriod, ends: number[]) {
    const unit = UNIT_HEADINGS[period.bucketUnit].toLowerCase()
    return LineChart.build({
      id: 'residents-over-time',
      title: 'Residents over time',
      description: `The residents counted at the end of each ${unit}, from ${period.label}.`,
      categoryHeading: UNIT_HEADINGS[period.bucketUnit],
      categories: period.buckets.map((bucket) => bucket.label),
      series: [{ key: 'residents', label: 'Residents at the end', values: ends }],
      csvUrl: csvUrl(RESIDENTS_REPORT, 'over-time', period.query),
      unit: 'residents',
    })
  }

  static async sources(organisationId: number, period: ReportPeriod): Promise<ReportTable> {
    const rows = await ResidentFigures.bySource(organisationId, period.from, period.until)
    const labels: Record<string, string> = RESIDENT_SOURCES
    const total = rows.reduce(
      (sum, row) => ({ atStart: sum.atStart + row.atStart, atEnd: sum.atEnd + row.atEnd }),
      { atStart: 0, atEnd: 0 }
    )
    return {
      id: 'sources',
      caption: 'By where they came from',
      columns: [{ heading: 'Where they came from', kind: 'label' }, ...GROWTH_COLUMNS],
      rows: rows.map((row) => [labels[row.key] ?? row.key, ...growthCells(row)]),
      footer: ['All residents', ...growthCells(total)],
      csvUrl: csvUrl(RESIDENTS_REPORT, 'sources', period.query),
    }
  }

  static async districts(organisationId: number, period: ReportPeriod): Promise<ReportTable> {
    const rows = await ResidentFigures.byDistrict(organisationId, period.from, period.until)
    return {
      id: 'districts',
      caption: 'By district',
      note: 'Each resident counts in the district they live in; residents whose address is in no known area are in no row.',
      columns: [{ heading: 'District', kind: 'label' }, ...GROWTH_COLUMNS],
      rows: rows.map((row) => [row.label, ...growthCells(row)]),
      csvUrl: csvUrl(RESIDENTS_REPORT, 'districts', period.query),
    }
  }

  /** One page of wards on the page; every ward in the CSV. */
  static async wards(organisationId: number, period: ReportPeriod, page: number | 'all') {
    const { total, rows } =
      page === 'all'
        ? {
            total: 0,
            rows: await ResidentFigures.allWards(organisationId, period.from, period.until),
          }
        : await ResidentFigures.wardPage(
            organisationId,
            period.from,
            period.until,
            page,
            WARDS_PER_PAGE
          )
    const table: ReportTable = {
      id: 'wards',
      caption: 'By ward',
      note: 'Wards where nobody was counted during the period are left out.',
      columns: [
        { heading: 'Ward', kind: 'label' },
        { heading: 'District', kind: 'label' },
        ...GROWTH_COLUMNS,
      ],
      rows: rows.map((row: GroupCounts) => [row.label, row.parent ?? '', ...growthCells(row)]),
      csvUrl: csvUrl(RESIDENTS_REPORT, 'wards', period.query),
    }
    return { table, total }
  }

  static async channels(organisationId: number, period: ReportPeriod): Promise<ReportTable> {
    const { total, channels } = await ResidentFigures.byChannel(organisationId, DateTime.now())
    return {
      id: 'channels',
      caption: 'Who can be reached by each channel, today',
      note: `Today’s figures whatever the period: Beacon keeps no history of residents’ contact details. A resident reachable by two channels counts under each; ${total.toLocaleString('en-GB')} residents today.`,
      columns: [
        { heading: 'Channel', kind: 'label' },
        { heading: 'Residents who can be reached', kind: 'count' },
        { heading: 'Share of residents', kind: 'rate' },
      ],
      rows: channels.map((channel) => [
        channel.label,
        channel.residents,
        total === 0 ? null : Math.round((channel.residents / total) * 1000) / 10,
      ]),
      csvUrl: csvUrl(RESIDENTS_REPORT, 'channels', period.query),
    }
  }
}
