import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Area from '#models/areas/area'
import AreaPlacement from '#services/areas/area_placement'

export interface ReplacementCounts {
  /** Residents whose areas were worked out again. */
  checked: number
  /** Of those, residents whose areas changed. */
  moved: number
  /** Of those, residents now in no area at all. */
  outside: number
}

export interface Box {
  minLng: number
  minLat: number
  maxLng: number
  maxLat: number
}

const PAGE = 500

function ancestorsIncluded(areas: Area[], byId: Map<number, Area>) {
  const result = new Set<number>()
  for (const area of areas) {
    let current: Area | undefined = area
    while (current && !result.has(current.id)) {
      result.add(current.id)
      current = current.parentId === null ? undefined : byId.get(current.parentId)
    }
  }
  return result
}

/**
 * Places residents again after boundaries changed: those whose stored point
 * lies in `box` (every changed area's old and new extent) and those in any of
 * `areaIds`. A resident with a point is placed by it, as at sign-up; one who
 * chose a ward from the list keeps the wards that remain. `leaving` are
 * areas about to be removed, placed in by nobody.
 */
export async function placeResidentsAgain(
  trx: TransactionClientContract,
  scope: { box: Box | null; areaIds: number[]; leaving: Set<number> },
  onProgress: (done: number, total: number) => Promise<void> = async () => {}
): Promise<ReplacementCounts> {
  const counts: ReplacementCounts = { checked: 0, moved: 0, outside: 0 }
  if (!scope.box && scope.areaIds.length === 0) return counts
  const everyArea = await Area.query({ client: trx })
  const areas = everyArea.filter((area) => !scope.leaving.has(area.id))
  const byId = new Map(areas.map((area) => [area.id, area]))

  const candidates = trx
    .from('residents')
    .whereNot('status', 'erased')
    .where((where) => {
      if (scope.box) {
        where.orWhere((inBox) => {
          inBox
            .whereBetween('lng', [scope.box!.minLng, scope.box!.maxLng])
            .whereBetween('lat', [scope.box!.minLat, scope.box!.maxLat])
        })
      }
      if (scope.areaIds.length) {
        where.orWhereIn(
          'id',
          trx.from('resident_areas').select('resident_id').whereIn('area_id', scope.areaIds)
        )
      }
    })
  const counted = await candidates.clone().count('* as total').first()
  const total = Number(counted?.total ?? 0)

  let lastId = 0
  while (true) {
    const residents: { id: number; lat: number | null; lng: number | null }[] = await candidates
      .clone()
      .select('id', 'lat', 'lng')
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(PAGE)
    if (residents.length === 0) break
    lastId = residents[residents.length - 1].id
    const links = await trx
      .from('resident_areas')
      .whereIn(
        'resident_id',
        residents.map((resident) => resident.id)
      )
      .select('resident_id', 'area_id')
    const before = new Map<number, Set<number>>()
    for (const link of links) {
      if (!before.has(link.resident_id)) before.set(link.resident_id, new Set())
      before.get(link.resident_id)!.add(link.area_id)
    }

    const inserts: { resident_id: number; area_id: number }[] = []
    for (const resident of residents) {
      const old = before.get(resident.id) ?? new Set<number>()
      const here =
        resident.lat !== null && resident.lng !== null
          ? AreaPlacement.within(areas, resident.lat, resident.lng)
          : [...old].map((id) => byId.get(id)).filter((area) => area?.level === 'ward')
      const now = ancestorsIncluded(here as Area[], byId)
      counts.checked++
      if (now.size === 0) counts.outside++
      const gone = [...old].filter((id) => !now.has(id))
      const added = [...now].filter((id) => !old.has(id))
      if (gone.length === 0 && added.length === 0) continue
      counts.moved++
      if (gone.length) {
        await trx
          .from('resident_areas')
          .where('resident_id', resident.id)
          .whereIn('area_id', gone)
          .delete()
      }
      for (const areaId of added) inserts.push({ resident_id: resident.id, area_id: areaId })
    }
    for (let start = 0; start < inserts.length; start += 250) {
      await trx.table('resident_areas').multiInsert(inserts.slice(start, start + 250))
    }
    await onProgress(counts.checked, total)
  }
  return counts
}
