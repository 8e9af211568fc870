import { stringify } from 'csv-stringify'
import { stringify as stringifySync } from 'csv-stringify/sync'
import type { Readable } from 'node:stream'

/**
 * A spreadsheet runs a cell that starts with =, +, - or @ as a formula (and
 * a tab or carriage return can hide one), so such text gets a leading quote
 * mark: the spreadsheet then shows it as the text it is.
 */
export function spreadsheetSafe(value: string) {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

type Cell = string | number | null | undefined

function safeRow(row: Cell[]) {
  return row.map((cell) => (typeof cell === 'string' ? spreadsheetSafe(cell) : (cell ?? '')))
}

// The byte-order mark makes Excel read the file as UTF-8; Windows line ends as Excel writes them.
const OPTIONS = { bom: true, record_delimiter: 'windows' } as const

/** A small table as CSV text, every cell made safe. */
export function spreadsheetCsv(header: string[], rows: Cell[][]) {
  return stringifySync([header, ...rows].map(safeRow), OPTIONS)
}

/**
 * A large table as a CSV stream, every cell made safe: the rows come page by
 * page from `pages` (an async generator), so memory holds one page at a time
 * however many rows there are, and a slow download slows the reading.
 */
export function spreadsheetCsvStream(header: string[], pages: AsyncIterable<Cell[][]>): Readable {
  const csv = stringify(OPTIONS)
  csv.write(safeRow(header))
  void (async () => {
    try {
      for await (const rows of pages) {
        for (const row of rows) {
          if (!csv.write(safeRow(row))) {
            await new Promise((resolve) => csv.once('drain', resolve))
          }
        }
      }
      csv.end()
    } catch (error) {
      csv.destroy(error as Error)
    }
  })()
  return csv
}
