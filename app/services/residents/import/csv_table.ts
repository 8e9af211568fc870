import { parse } from 'csv-parse/sync'

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024
export const MAX_IMPORT_ROWS = 20_000

/** One record of the file; `row` is its row number in a spreadsheet, the header being row 1. */
export interface CsvRow {
  row: number
  cells: string[]
  /** Why the row could not be read, when it could not. */
  unreadable?: string
}

export interface CsvTable {
  headers: string[]
  rows: CsvRow[]
  /** Row numbers of the empty rows, which are not residents and are left out. */
  blankRows: number[]
  encoding: 'UTF-8' | 'Windows-1252'
}

/** A file Beacon cannot import at all; the message is for the person who chose it. */
export class CsvFileError extends Error {}

function decode(buffer: Buffer): Pick<CsvTable, 'encoding'> & { text: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'UTF-8' }
  } catch {
    // Excel's "CSV" (not "CSV UTF-8") is Windows-1252; reading it as UTF-8 would garble every accent.
    return { text: new TextDecoder('windows-1252').decode(buffer), encoding: 'Windows-1252' }
  }
}

function unreadableReason(code: string | undefined) {
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'A quotation mark (") opens a value and is never closed, so this row and the rest of the file could not be read'
  }
  return 'This row is not valid CSV and could not be read'
}

/**
 * Reads a CSV export from another system: a byte-order mark, Windows line
 * endings, Windows-1252 text and blank rows are all accepted. Every cell is
 * kept as text; nothing in it is ever evaluated.
 */
export function readCsvTable(buffer: Buffer): CsvTable {
  if (buffer.length > MAX_IMPORT_BYTES) {
    throw new CsvFileError('The file must be 5 MB or smaller. Split it into smaller files.')
  }
  const { text, encoding } = decode(buffer)

  // Records are numbered in order, including those the parser had to skip,
  // so that row numbers match what a spreadsheet shows.
  const records: { cells?: string[]; unreadable?: string }[] = []
  parse(text, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    on_record: (record: string[]) => {
      records.push({ cells: record.map((cell) => cell.trim()) })
      return null
    },
    on_skip: (error) => {
      records.push({ unreadable: unreadableReason(error?.code) })
    },
  })

  const blankRows: number[] = []
  let headers: string[] | null = null
  const rows: CsvRow[] = []
  for (const [index, record] of records.entries()) {
    const row = index + 1
    if (record.cells && record.cells.every((cell) => cell === '')) {
      blankRows.push(row)
    } else if (!headers) {
      if (!record.cells) throw new CsvFileError('The first row of the file could not be read.')
      headers = record.cells.map((cell, column) => cell || `Column ${column + 1}`)
    } else {
      rows.push({ row, cells: record.cells ?? [], unreadable: record.unreadable })
      if (rows.length > MAX_IMPORT_ROWS) {
        const limit = MAX_IMPORT_ROWS.toLocaleString('en-GB')
        throw new CsvFileError(
          `The file has more than ${limit} rows. Split it into files of ${limit} rows or fewer and import them one at a time.`
        )
      }
    }
  }

  if (!headers) throw new CsvFileError('The file is empty.')
  if (rows.length === 0) {
    throw new CsvFileError('The file has a row of column headings but no residents below it.')
  }
  return { headers, rows, blankRows, encoding }
}
