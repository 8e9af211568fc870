import { createReadStream } from 'node:fs'
import { parse } from 'csv-parse'
import db from '@adonisjs/lucid/services/db'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { CATEGORIES } from '#services/areas/population/census_categories'
import {
  CensusFileError,
  readCensusHeader,
  type CensusLayout,
} from '#services/areas/population/census_header'
import { readOutputAreaLookup } from '#services/areas/population/output_area_lookup'

export { CensusFileError }

export interface PopulationImportOptions {
  /** The ONS output area to ward lookup: needed when the file is by output area. */
  lookupPath?: string
  /** Skip (and count) rows for areas Beacon has no boundaries for, rather than refuse them. */
  skipOtherAreas?: boolean
  /** Called every `progressEvery` rows with the rows read so far. */
  onProgress?: (rowsRead: number) => void
  progressEvery?: number
}

export interface PopulationImportReport {
  table: string
  dimension: string
  rowsRead: number
  wards: number
  people: number
  skippedOtherAreas: number
  /** Each refused row, in plain English with its line number. When any, nothing was saved. */
  problems: string[]
  saved: boolean
}

const OUTPUT_AREA = /^[EW]00\d{6}$/i
const GSS_CODE = /^[A-Z]\d{8}$/i

/**
 * Loads one ONS Census 2021 bulk CSV (by ward, or by output area with the
 * lookup to wards) into population_stats. The file is streamed; only the
 * sums per ward are held. A file with any refused row changes nothing, since
 * a ward missing some of its output areas would be undercounted; otherwise
 * the file's dimension is replaced for its wards in one transaction.
 */
export default class PopulationImport {
  static async fromFile(
    path: string,
    options: PopulationImportOptions = {}
  ): Promise<PopulationImportReport> {
    const lookup = options.lookupPath ? await readOutputAreaLookup(options.lookupPath) : null
    const wards = new Map<string, { id: number; level: string }>()
    for (const area of await db.from('areas').select('id', 'code', 'level')) {
      wards.set(String(area.code).toUpperCase(), { id: area.id, level: area.level })
    }

    let layout: CensusLayout | null = null
    const sums = new Map<number, Map<string, number>>()
    const seen = new Map<string, number>()
    const problems: string[] = []
    let rowsRead = 0
    let skippedOtherAreas = 0
    const every = options.progressEvery ?? 10_000

    const parser = createReadStream(path).pipe(
      parse({ bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: true })
    )
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[]
      info: { lines: number }
    }>) {
      if (!layout) {
        layout = readCensusHeader(record)
        continue
      }
      rowsRead++
      if (options.onProgress && rowsRead % every === 0) options.onProgress(rowsRead)
      const line = info.lines
      const code = (record[layout.codeIndex] ?? '').toUpperCase()
      const refuse = (why: string) => problems.push(`Line ${line}: ${why}`)

      if (!GSS_CODE.test(code)) {
        refuse(`"${record[layout.codeIndex] ?? ''}" is not an ONS area code (like E05008479).`)
        continue
      }
      if (seen.has(code)) {
        refuse(`${code} appears again (first on line ${seen.get(code)}).`)
        continue
      }
      seen.set(code, line)

      let wardCode = code
      if (OUTPUT_AREA.test(code)) {
        if (!lookup) {
          refuse(`${code} is an output area: give the output area to ward lookup file (--lookup).`)
          continue
        }
        const found = lookup.get(code)
        if (!found) {
          refuse(`output area ${code} is not in the lookup file.`)
          continue
        }
        wardCode = found
      }
      const ward = wards.get(wardCode)
      if (!ward || ward.level !== 'ward') {
        if (!ward && options.skipOtherAreas) {
          skippedOtherAreas++
          continue
        }
        const which = wardCode === code ? code : `${wardCode} (the ward of output area ${code})`
        refuse(
          ward
            ? `${which} is a district: give figures by ward or output area.`
            : `${which} is not one of the wards Beacon has boundaries for. Import the boundaries first, or remove the row.`
        )
        continue
      }

      const counts: Array<[string, number]> = []
      let bad = false
      for (const column of layout.counted) {
        const raw = (record[column.index] ?? '').replace(/,/g, '')
        if (!/^\d+$/.test(raw)) {
          refuse(
            `the count for "${column.name}" is "${record[column.index] ?? ''}", not a whole number.`
          )
          bad = true
          break
        }
        counts.push([column.category, Number(raw)])
      }
      if (bad) continue
      const sum = sums.get(ward.id) ?? new Map<string, number>()
      for (const [category, count] of counts) sum.set(category, (sum.get(category) ?? 0) + count)
      sums.set(ward.id, sum)
    }
    if (!layout) throw new CensusFileError('The file is empty: it has no header row.')

    const dimension = layout.rule.dimension
    const report: PopulationImportReport = {
      table: layout.rule.table,
      dimension,
      rowsRead,
      wards: sums.size,
      people: [...sums.values()].reduce(
        (all, sum) => all + [...sum.values()].reduce((a, b) => a + b, 0),
        0
      ),
      skippedOtherAreas,
      problems,
      saved: false,
    }
    if (problems.length || !sums.size) return report

    const importedAt = sqlTime()
    const rows = [...sums].flatMap(([areaId, sum]) =>
      CATEGORIES[dimension].map((category) => ({
        area_id: areaId,
        dimension,
        category,
        count: sum.get(category) ?? 0,
        source: layout!.rule.table,
        imported_at: importedAt,
      }))
    )
    const areaIds = [...sums.keys()]
    await db.transaction(async (trx) => {
      for (let start = 0; start < areaIds.length; start += 500) {
        await trx
          .from('population_stats')
          .where('dimension', dimension)
          .whereIn('area_id', areaIds.slice(start, start + 500))
          .delete()
      }
      for (let start = 0; start < rows.length; start += 500) {
        await trx.table('population_stats').multiInsert(rows.slice(start, start + 500))
      }
    })
    report.saved = true
    return report
  }
}
