import type { CsvTable } from '#services/residents/import/csv_table'
import type { ColumnMapping } from '#services/residents/import/import_mapping'
import type { Candidate, ReportRow, RowOutcome } from '#services/residents/import/import_rows'

export interface ImportCounts {
  total: number
  imported: number
  duplicates: number
  rejected: number
}

/** What the dry run and the import show and keep: every row with its outcome, and the totals. */
export interface ImportReport {
  headers: string[]
  mapping: ColumnMapping
  encoding: string
  blankRows: number[]
  counts: ImportCounts
  rows: ReportRow[]
}

export function importReportOf(
  table: CsvTable,
  mapping: ColumnMapping,
  candidates: Candidate[]
): ImportReport {
  const rows = candidates.map((candidate) => candidate.report)
  const count = (outcome: RowOutcome) => rows.filter((row) => row.outcome === outcome).length
  return {
    headers: table.headers,
    mapping,
    encoding: table.encoding,
    blankRows: table.blankRows,
    counts: {
      total: rows.length,
      imported: count('new'),
      duplicates: count('duplicate'),
      rejected: count('rejected'),
    },
    rows,
  }
}
