import type { DateTime } from 'luxon'
import StackedBarChart from '#services/platform/charts/stacked_bar_chart'
import type { ReportTable, Cell } from '#services/engagement/reports/report_table'
import RepresentationFigures, {
  type AreaFigure,
  type GroupFigure,
  type Representation,
} from '#services/residents/representation/representation_figures'
import type { ResidentCounts } from '#services/residents/representation/resident_counts'
import ReachCountsFromIndex from '#services/engagement/reports/reach_counts_from_index'
import {
  SUPPRESS_BELOW,
  VERDICT_LABELS,
  type Estimate,
} from '#services/residents/representation/representation_estimate'

export const WHO_WE_REACH = '/staff/reports/who-we-reach'
export const REPRESENTATION_TABLES = [
  'wards',
  'districts',
  'groups',
  'ranked',
  'ward-groups',
] as const
export type RepresentationTable = (typeof REPRESENTATION_TABLES)[number]
/** The tables of every area and group; the ward-by-group table is ReachWardGroupsTable's. */
export type FiguresTable = Exclude<RepresentationTable, 'ward-groups'>

/** A table whose rows are areas carries their codes, for the map to colour by. */
export type RepresentationReportTable = ReportTable & { areaCodes?: string[] }

const HIDDEN = `Fewer than ${SUPPRESS_BELOW}`
const TOO_FEW = 'Too few to say'
// Not small itself: hidden so that a small figure beside it cannot be found by subtraction.
const HIDDEN_TOO = 'Hidden'
const two = (value: number) => Math.round(value * 100) / 100

/** The cells every row shares; small numbers, and every figure made from them, hidden. */
export function estimateCells(row: Estimate): Cell[] {
  const people = row.population < SUPPRESS_BELOW ? HIDDEN : row.population
  if (row.alsoHidden) {
    return [HIDDEN_TOO, people, HIDDEN_TOO, HIDDEN_TOO, HIDDEN_TOO, VERDICT_LABELS[row.verdict]]
  }
  if (row.suppressed) {
    return [
      row.residents < SUPPRESS_BELOW ? HIDDEN : row.residents,
      people,
      TOO_FEW,
      TOO_FEW,
      TOO_FEW,
      VERDICT_LABELS[row.verdict],
    ]
  }
  return [
    row.residents,
    people,
    two(row.ratePer1000),
    two(row.ratio),
    `${two(row.ratioLow)} to ${two(row.ratioHigh)}`,
    VERDICT_LABELS[row.verdict],
  ]
}

const FIGURE_COLUMNS = [
  { heading: 'Residents', kind: 'count' as const },
  { heading: 'People (Census 2021)', kind: 'count' as const },
  { heading: 'Residents per 1,000 people', kind: 'count' as const },
  { heading: 'Compared with the average', kind: 'count' as const },
  { heading: '95% interval', kind: 'count' as const },
  { heading: 'What it says', kind: 'label' as const },
]

/** A table's CSV, as at the date the page was counted at (the query keeps it). */
export function reachCsvUrl(table: RepresentationTable, query: Record<string, string> = {}) {
  const search = new URLSearchParams(query).toString()
  return `${WHO_WE_REACH}/${table}.csv${search ? `?${search}` : ''}`
}

/**
 * Reports → Who we reach: the organisation's residents against the Census
 * (residents' representation/representation_figures.ts), as tables that the
 * page, the map and the CSV all read, and a chart of the wards' rates.
 */
export default class RepresentationReport {
  /** Today's residents are counted from the audience index (reach_counts_from_index.ts). */
  static figures(
    organisationId: number,
    at?: DateTime | null,
    counts: ResidentCounts = ReachCountsFromIndex.at(organisationId, at)
  ) {
    return RepresentationFigures.of(organisationId, at, counts)
  }

  /** Only the average rate: all the page shows of the date before. */
  static average(organisationId: number, at?: DateTime | null) {
    return RepresentationFigures.average(
      organisationId,
      at,
      ReachCountsFromIndex.at(organisationId, at)
    )
  }

  static table(
    figures: Representation,
    table: FiguresTable,
    query: Record<string, string> = {}
  ): RepresentationReportTable {
    const csvUrl = (name: RepresentationTable) => reachCsvUrl(name, query)
    if (table === 'wards') return this.wardsTable(figures.wards, query)
    if (table === 'districts') {
      const rows = figures.districts
      return {
        id: 'districts-reach',
        areaCodes: rows.map((row) => row.code),
        caption: 'Districts',
        columns: [{ heading: 'District', kind: 'label' }, ...FIGURE_COLUMNS],
        rows: rows.map((row) => [row.name, ...estimateCells(row)]),
        csvUrl: csvUrl(table),
      }
    }
    if (table === 'groups') {
      return {
        id: 'groups-reach',
        caption: 'Groups (residents who answered "About you")',
        columns: [{ heading: 'Group', kind: 'label' }, ...FIGURE_COLUMNS],
        rows: figures.groups.map((row) => [row.name, ...estimateCells(row)]),
        csvUrl: csvUrl(table),
        note: 'Each group is compared with everyone who answered the same question; residents who did not answer, or preferred not to say, are not counted.',
      }
    }
    return {
      id: 'ranked-reach',
      caption: 'Under-represented areas and groups, most clearly first',
      columns: [
        { heading: 'Rank', kind: 'count' },
        { heading: 'Area or group', kind: 'label' },
        { heading: 'Kind', kind: 'label' },
        { heading: 'At most this share of the average', kind: 'count' },
      ],
      // A hidden row's bound would give its small count away: it keeps its place, not its figure.
      rows: figures.ranked.map((row, index) => [
        index + 1,
        row.name,
        kindOf(row),
        row.suppressed ? HIDDEN_TOO : two(row.ratioHigh),
      ]),
      csvUrl: csvUrl(table),
      note: 'Ranked by the top of the 95% interval: how high the rate could be, compared with the average. A small area cannot top the list by chance.',
    }
  }

  /** Wards' rows: every ward for the CSV, or a page of them, searched and sorted. */
  static wardsTable(wards: AreaFigure[], query: Record<string, string> = {}) {
    return {
      id: 'wards-reach',
      areaCodes: wards.map((row) => row.code),
      caption: 'Wards',
      columns: [
        { heading: 'Ward', kind: 'label' as const },
        { heading: 'District', kind: 'label' as const },
        ...FIGURE_COLUMNS,
      ],
      rows: wards.map((row) => [row.name, row.district ?? '', ...estimateCells(row)]),
      csvUrl: reachCsvUrl('wards', query),
    }
  }

  /** Residents per 1,000 people in each ward whose figures may be shown. */
  static chart(figures: Representation, query: Record<string, string> = {}) {
    const shown = figures.wards.filter((ward) => !ward.suppressed)
    return StackedBarChart.build({
      id: 'ward-rates',
      title: 'Residents per 1,000 people, by ward',
      description: `Wards with ${SUPPRESS_BELOW} or more residents. The average across the area is ${two(figures.average.ratePer1000)} per 1,000 people.`,
      categoryHeading: 'Ward',
      categories: shown.map((ward) => ward.name),
      series: [
        {
          key: 'rate',
          label: 'Residents per 1,000 people',
          values: shown.map((ward) => two(ward.ratePer1000)),
        },
      ],
      csvUrl: reachCsvUrl('wards', query),
      unit: 'residents per 1,000 people',
    })
  }
}

function kindOf(row: AreaFigure | GroupFigure) {
  if (row.kind === 'group') return 'Group'
  return row.level === 'ward' ? `Ward (${row.district ?? 'no district'})` : 'District'
}
