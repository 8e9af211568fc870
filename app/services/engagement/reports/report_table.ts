import { spreadsheetCsv } from '#services/platform/infrastructure/spreadsheet_csv'

export type Cell = string | number | null

/** percent: a change ("+8%"); rate: a share ("12.5%"). */
export type ColumnKind = 'label' | 'count' | 'change' | 'percent' | 'rate'

export interface Column {
  heading: string
  kind: ColumnKind
}

/**
 * One table of a report, as the page shows it and as its CSV gives it: the
 * same rows, so the download never says something the page does not. The
 * CSV has the figures as numbers (a change of +8% is 8), the page writes
 * them for reading ("+8%", "12,392").
 */
export interface ReportTable {
  /** The table's id on the page, and its name in the CSV's address. */
  id: string
  caption: string
  columns: Column[]
  rows: Cell[][]
  /** Totals, when adding up the rows means something. */
  footer?: Cell[]
  csvUrl: string
  /** Said under the caption: what is counted, and what is not. */
  note?: string
}

/** The table as the page shows it: every cell in words. */
export interface ShownTable extends ReportTable {
  shownRows: string[][]
  shownFooter?: string[]
}

export function shown(table: ReportTable): ShownTable {
  const show = (row: Cell[]) => row.map((cell, index) => showCell(table.columns[index].kind, cell))
  return {
    ...table,
    shownRows: table.rows.map(show),
    ...(table.footer ? { shownFooter: show(table.footer) } : {}),
  }
}

function showCell(kind: ColumnKind, cell: Cell) {
  if (cell === null) return kind === 'percent' ? 'None before' : kind === 'rate' ? 'None' : ''
  if (typeof cell === 'string') return cell
  if (kind === 'rate') return `${cell}%`
  if (kind === 'change') return signedCount(cell)
  if (kind === 'percent') return `${cell > 0 ? '+' : ''}${cell}%`
  return formatCount(cell)
}

export function tableCsv(table: ReportTable) {
  return spreadsheetCsv(
    table.columns.map((column) => column.heading),
    [...table.rows, ...(table.footer ? [table.footer] : [])]
  )
}

/** Whole percent from before to after; null when there was nothing before. */
export function percentOf(before: number, after: number) {
  return before === 0 ? null : Math.round(((after - before) / before) * 100)
}

export const formatCount = (value: number) => value.toLocaleString('en-GB')

/** "+8%", "-3%", "0%"; null when there was nothing to compare with. */
export function percentChange(before: number, after: number) {
  const percent = percentOf(before, after)
  return percent === null ? null : `${percent > 0 ? '+' : ''}${percent}%`
}

/** "+993", "-12", "0" */
export function signedCount(value: number) {
  return `${value > 0 ? '+' : ''}${formatCount(value)}`
}

/** "12,392 → 13,385, +8%": the figure at the start and end of a period, and how it changed. */
export function growthSentence(before: number, after: number) {
  const percent = percentChange(before, after)
  const change =
    percent ?? (after === before ? 'no change' : `${signedCount(after - before)}, none before`)
  return `${formatCount(before)} → ${formatCount(after)}, ${change}`
}

/** The address of a report's CSV for one table, keeping the period chosen. */
export function csvUrl(base: string, table: string, query: Record<string, string>) {
  const search = new URLSearchParams(query).toString()
  return `${base}/${table}.csv${search ? `?${search}` : ''}`
}
