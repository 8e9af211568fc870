import { stringify } from 'csv-stringify/sync'
import type { SyncRun } from './sync_runs.js'

const CHANGE_LABELS = {
  added: 'Added',
  updated: 'Updated',
  removed: 'Removed',
  rejected: 'Rejected',
}

/**
 * A cell a spreadsheet would run as a formula (it starts with =, +, -, @, a
 * tab or a carriage return) gets a leading quote mark, so that a name typed
 * into the register as "=HYPERLINK(…)" is shown as the text it is.
 */
export function spreadsheetSafe(value: string) {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** A sync's change report as CSV, for a spreadsheet: one line per change. */
export function reportCsv(
  run: SyncRun,
  rows: { change: keyof typeof CHANGE_LABELS; subject: string; detail: string }[]
) {
  const lines = [
    ['Sync', 'Change', 'What', 'Details'],
    ...rows.map((row) => [String(run.id), CHANGE_LABELS[row.change], row.subject, row.detail]),
  ]
  return stringify(
    lines.map((line) => line.map(spreadsheetSafe)),
    { bom: true, record_delimiter: 'windows' }
  )
}
