import { createReadStream } from 'node:fs'
import { parse } from 'csv-parse'
import { CensusFileError } from '#services/areas/population/census_header'

/**
 * The ONS "Output Area (2021) to … Ward" lookup: OA21CD and a ward code
 * column (WD22CD, WD23CD, WD24CD… whichever year the file is). Streamed; the
 * map of England and Wales's 188,880 output areas fits in a few megabytes.
 */
export async function readOutputAreaLookup(path: string) {
  const wards = new Map<string, string>()
  let oaColumn = -1
  let wardColumn = -1
  const parser = createReadStream(path).pipe(
    parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true })
  )
  for await (const row of parser as AsyncIterable<string[]>) {
    if (oaColumn < 0) {
      const upper = row.map((name) => name.toUpperCase())
      oaColumn = upper.indexOf('OA21CD')
      wardColumn = upper.findIndex((name) => /^WD\d\dCD$/.test(name))
      if (oaColumn < 0 || wardColumn < 0) {
        throw new CensusFileError(
          'The lookup file needs an OA21CD column and a ward code column (WD22CD, WD23CD or similar): download "Output Area (2021) to Ward" from the ONS Open Geography Portal.'
        )
      }
      continue
    }
    const oa = row[oaColumn]?.toUpperCase()
    const ward = row[wardColumn]?.toUpperCase()
    if (oa && ward) wards.set(oa, ward)
  }
  if (oaColumn < 0) throw new CensusFileError('The lookup file is empty.')
  return wards
}
