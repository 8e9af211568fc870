import pointOnFeature from '@turf/point-on-feature'
import { parse } from 'csv-parse/sync'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Area from '#models/areas/area'
import AreaPlacement from '#services/areas/area_placement'
import type { PreparedArea } from '#services/areas/boundaries/prepared_boundaries'
import { BoundaryFileError } from '#services/areas/boundaries/boundary_file'

/** How each ward finds its district; the first that is given wins. */
export interface DistrictChoice {
  /** Every ward in the file belongs to this district (its code). */
  parentCode?: string | null
  /** Ward code → district code, from an ONS ward-to-district lookup CSV. */
  lookup?: Map<string, string> | null
}

/**
 * Reads an ONS ward to local authority district lookup (columns such as
 * WD24CD and LAD24CD, for any year).
 */
export function readWardLookup(bytes: Uint8Array, filename: string): Map<string, string> {
  let rows: string[][]
  try {
    rows = parse(Buffer.from(bytes), {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    })
  } catch {
    throw new BoundaryFileError(`${filename} is not a CSV file that can be read.`)
  }
  const headers = (rows[0] ?? []).map((heading) => heading.trim())
  const ward = headers.findIndex((heading) => /^WD\d{2}CD$/i.test(heading))
  const district = headers.findIndex((heading) => /^(LAD|LTLA|CTYUA)\d{2}CD$/i.test(heading))
  if (ward < 0 || district < 0) {
    throw new BoundaryFileError(
      `${filename} is not a ward to district lookup: it needs a ward code column (such as WD24CD) and a district code column (such as LAD24CD).`
    )
  }
  const lookup = new Map<string, string>()
  for (const row of rows.slice(1)) {
    if (row[ward]?.trim() && row[district]?.trim()) {
      lookup.set(row[ward].trim(), row[district].trim())
    }
  }
  return lookup
}

/**
 * Finds each ward's district among the districts already imported: by the
 * chosen parent, the lookup, a district code in the file, or else the district
 * that contains a point inside the ward. Returns district ids by ward code,
 * and a plain-English problem for each ward that has none.
 */
export async function findWardDistricts(
  wards: PreparedArea[],
  choice: DistrictChoice,
  trx: TransactionClientContract
) {
  const districts = await Area.query({ client: trx }).where('level', 'district')
  const byCode = new Map(districts.map((district) => [district.code, district]))
  const parents = new Map<string, number>()
  const problems: { area: PreparedArea; message: string }[] = []

  if (choice.parentCode) {
    const parent = byCode.get(choice.parentCode)
    if (!parent) {
      throw new BoundaryFileError(
        `There is no district with the code ${choice.parentCode}. Import the districts first, then the wards.`
      )
    }
    for (const ward of wards) parents.set(ward.code, parent.id)
    return { parents, problems }
  }

  for (const ward of wards) {
    const code = choice.lookup ? choice.lookup.get(ward.code) : ward.parentCode
    if (code) {
      const parent = byCode.get(code)
      if (parent) parents.set(ward.code, parent.id)
      else {
        problems.push({
          area: ward,
          message: `its district ${code} has not been imported (import the districts first)`,
        })
      }
      continue
    }
    if (choice.lookup) {
      problems.push({ area: ward, message: 'it is not in the ward to district lookup file' })
      continue
    }
    const [lng, lat] = pointOnFeature(ward.geometry).geometry.coordinates
    const container = AreaPlacement.within(districts, lat, lng)[0]
    if (container) parents.set(ward.code, container.id)
    else {
      problems.push({
        area: ward,
        message:
          'it lies in no district imported so far (import the districts first, or give a lookup file or the parent district)',
      })
    }
  }
  return { parents, problems }
}
