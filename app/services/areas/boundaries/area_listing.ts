import db from '@adonisjs/lucid/services/db'
import Area from '#models/areas/area'

const PER_PAGE = 20

function likePattern(search: string) {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * Settings → Areas: districts a page at a time, each with its wards and how
 * many residents live in each. A search finds districts by their name or
 * code, or by a ward's, and then shows the wards that match.
 */
export async function listAreas(search: string, page: number) {
  const pattern = search ? likePattern(search) : null
  const matches = (query: any) =>
    query
      .whereRaw("LOWER(areas.name) LIKE ? ESCAPE '\\'", [pattern])
      .orWhereRaw("LOWER(areas.code) LIKE ? ESCAPE '\\'", [pattern])

  const districts = await Area.query()
    .where('level', 'district')
    .if(pattern, (query) =>
      query.where((where) => {
        matches(where).orWhereIn(
          'id',
          db
            .from('areas')
            .select('parent_id')
            .where('level', 'ward')
            .where((w) => matches(w))
        )
      })
    )
    .orderBy('name')
    .paginate(page, PER_PAGE)

  const districtIds = districts.all().map((district) => district.id)
  const wards = districtIds.length
    ? await Area.query().where('level', 'ward').whereIn('parent_id', districtIds).orderBy('name')
    : []
  const matchingDistricts = new Set(
    districts
      .all()
      .filter((d) => !pattern || `${d.name} ${d.code}`.toLowerCase().includes(search.toLowerCase()))
      .map((d) => d.id)
  )
  const shownWards = wards.filter(
    (ward) =>
      matchingDistricts.has(ward.parentId!) ||
      `${ward.name} ${ward.code}`.toLowerCase().includes(search.toLowerCase())
  )

  const ids = [...districtIds, ...shownWards.map((ward) => ward.id)]
  const counts = new Map<number, number>()
  if (ids.length) {
    const rows = await db
      .from('resident_areas')
      .join('residents', 'residents.id', 'resident_areas.resident_id')
      .whereNot('residents.status', 'erased')
      .whereIn('resident_areas.area_id', ids)
      .groupBy('resident_areas.area_id')
      .select('resident_areas.area_id')
      .count('* as total')
    for (const row of rows) counts.set(Number(row.area_id), Number(row.total))
  }
  const wardCounts = new Map<number, number>()
  for (const ward of wards)
    wardCounts.set(ward.parentId!, (wardCounts.get(ward.parentId!) ?? 0) + 1)

  districts.baseUrl('/staff/settings/areas').queryString(search ? { q: search } : {})
  return {
    districts,
    rows: districts.all().map((district) => ({
      district,
      residents: counts.get(district.id) ?? 0,
      wardCount: wardCounts.get(district.id) ?? 0,
      wards: shownWards
        .filter((ward) => ward.parentId === district.id)
        .map((ward) => ({ ward, residents: counts.get(ward.id) ?? 0 })),
    })),
    totals: {
      districts: await countLevel('district'),
      wards: await countLevel('ward'),
    },
  }
}

async function countLevel(level: string) {
  const row = await db.from('areas').where('level', level).count('* as total').first()
  return Number(row?.total ?? 0)
}
