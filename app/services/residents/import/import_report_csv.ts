import { stringify } from 'csv-stringify/sync'
import type { ImportReport } from '#services/residents/import/import_report'
import type { RowOutcome } from '#services/residents/import/import_rows'
import { spreadsheetSafe } from '#services/platform/infrastructure/spreadsheet_csv'

export function outcomeLabel(outcome: RowOutcome, dryRun: boolean) {
  if (outcome === 'new') return dryRun ? 'Would be imported' : 'Imported'
  if (outcome === 'duplicate') return 'Skipped: duplicate'
  return 'Rejected'
}

/**
 * The per-row report of an import as CSV, for the admin to fix and re-import
 * the rejected rows. The byte-order mark makes Excel read it as UTF-8.
 */
export function importReportCsv(report: ImportReport, dryRun: boolean) {
  const records = report.rows.map((row) =>
    [
      String(row.row),
      outcomeLabel(row.outcome, dryRun),
      row.reasons.join('; '),
      row.name,
      row.email,
      row.mobile,
      row.landline,
    ].map(spreadsheetSafe)
  )
  return (
    '\uFEFF' +
    stringify(records, {
      header: true,
      columns: ['Row', 'Outcome', 'Reason', 'Name', 'Email address', 'Mobile', 'Landline'],
      record_delimiter: 'windows',
    })
  )
}
