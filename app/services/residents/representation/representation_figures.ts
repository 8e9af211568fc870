import db from '@adonisjs/lucid/services/db'
import { DIMENSIONS, type Dimension } from '#services/areas/population/census_categories'
import type { DateTime } from 'luxon'
import { groupFigures } from '#services/residents/representation/representation_groups'
import {
  SqlResidentCounts,
  type ResidentCounts,
} from '#services/residents/representation/resident_counts'
import {
  byUnderRepresentation,
  estimate,
  protectDifferences,
  type Estimate,
} from '#services/residents/representation/representation_estimate'

export interface AreaFigure extends Estimate {
  kind: 'area'
  id: number
  code: string
  name: string
  level: 'ward' | 'district'
  district: string | null
  centre: { lat: number; lng: number } | null
}

export interface GroupFigure extends Estimate {
  kind: 'group'
  dimension: Dimension
  category: string
  name: string
}

export interface Representation {
  /** Whether any Census figures are loaded on the install at all. */
  censusLoaded: boolean
  /** The organisation's area: the wards compared. */
  wardIds: number[]
  average: { residents: number; population: number; ratePer1000: number }
  wards: AreaFigure[]
  districts: AreaFigure[]
  groups: GroupFigure[]
  /** Under-represented areas and groups, the most clearly under-represented first. */
  ranked: Array<AreaFigure | GroupFigure>
}

/**
 * Representativeness of an organisation's residents against the Census
 * (population_stats): the organisation's area is every ward with Census
 * figures in the districts its residents live in. A ward's people are its largest table's total (TS024 counts only
 * those aged 3 and over). Its residents are those living in it now, or,
 * given an instant, those who were residents then (residents_at.ts).
 *
 * Groups compare the residents who answered a question at sign-up with the
 * people of that category in the same wards; their average is the rate of
 * all who answered that question, so that residents who skipped it do not
 * make every group look under-represented. "Prefer not to say" is left out.
 *
 * The residents are counted by `counts` (resident_counts.ts): from the
 * consents as at `at` unless the caller has a faster way to the same answer.
 */
export default class RepresentationFigures {
  static async of(
    organisationId: number,
    at?: DateTime | null,
    counts: ResidentCounts = new SqlResidentCounts(organisationId, at)
  ): Promise<Representation> {
    const { byWard, areas, residentsIn, populationOf, average: totals } = await this.#area(counts)
    const { totalResidents, totalPeople, ratePer1000: average } = totals
    const centre = (area: Record<string, any>) =>
      area.min_lat === null
        ? null
        : {
            lat: (Number(area.min_lat) + Number(area.max_lat)) / 2,
            lng: (Number(area.min_lng) + Number(area.max_lng)) / 2,
          }
    const wards: AreaFigure[] = areas
      .map((area) => ({
        kind: 'area' as const,
        id: area.id,
        code: area.code,
        name: area.name,
        level: 'ward' as const,
        district: area.district_name ?? null,
        centre: centre(area),
        ...estimate(residentsIn.get(area.id) ?? 0, populationOf(area.id), average),
      }))
      .sort((a, b) => a.name.localeCompare(b.name))

    for (const districtId of new Set(areas.map((area) => area.district_id))) {
      const ids = new Set(areas.filter((area) => area.district_id === districtId).map((a) => a.id))
      protectDifferences(wards.filter((ward) => ids.has(ward.id)))
    }

    const districtSums = new Map<
      number,
      { code: string; name: string; residents: number; people: number }
    >()
    for (const area of areas.filter((one) => one.district_id)) {
      const sum = districtSums.get(area.district_id) ?? {
        code: area.district_code,
        name: area.district_name,
        residents: 0,
        people: 0,
      }
      sum.residents += residentsIn.get(area.id) ?? 0
      sum.people += populationOf(area.id)
      districtSums.set(area.district_id, sum)
    }
    const districts: AreaFigure[] = [...districtSums]
      .map(([id, sum]) => ({
        kind: 'area' as const,
        id,
        code: sum.code,
        name: sum.name,
        level: 'district' as const,
        district: null,
        centre: null,
        ...estimate(sum.residents, sum.people, average),
      }))
      .sort((a, b) => a.name.localeCompare(b.name))

    const byDimension = await Promise.all(
      DIMENSIONS.map((one) =>
        groupFigures(organisationId, one, {
          wardIds: areas.map((area) => area.id),
          at,
          counts,
        })
      )
    )
    const groups = byDimension.flat()
    return {
      censusLoaded: byWard.size > 0,
      wardIds: areas.map((area) => area.id),
      average: { residents: totalResidents, population: totalPeople, ratePer1000: average },
      wards,
      districts,
      groups,
      ranked: byUnderRepresentation<AreaFigure | GroupFigure>([...wards, ...districts, ...groups]),
    }
  }

  /** Only the average rate across the organisation's area: the page compares it with a date before. */
  static async average(
    organisationId: number,
    at?: DateTime | null,
    counts: ResidentCounts = new SqlResidentCounts(organisationId, at)
  ): Promise<Representation['average']> {
    const { average } = await this.#area(counts)
    return {
      residents: average.totalResidents,
      population: average.totalPeople,
      ratePer1000: average.ratePer1000,
    }
  }

  /** The wards compared, with their people and residents. */
  static async #area(counts: ResidentCounts) {
    const stats = await db
      .from('population_stats')
      .select('area_id', 'dimension', 'category', 'count')
    const byWard = new Map<number, Map<string, Map<string, number>>>()
    for (const row of stats) {
      const ward = byWard.get(row.area_id) ?? new Map<string, Map<string, number>>()
      const dimension = ward.get(row.dimension) ?? new Map<string, number>()
      dimension.set(row.category, Number(row.count))
      ward.set(row.dimension, dimension)
      byWard.set(row.area_id, ward)
    }
    const populationOf = (wardId: number) =>
      Math.max(
        0,
        ...[...(byWard.get(wardId)?.values() ?? [])].map((categories) =>
          [...categories.values()].reduce((a, b) => a + b, 0)
        )
      )

    const wardIds = [...byWard.keys()]
    const candidates = wardIds.length
      ? await db
          .from('areas')
          .leftJoin('areas as districts', 'districts.id', 'areas.parent_id')
          .whereIn('areas.id', wardIds)
          .select(
            'areas.id',
            'areas.code',
            'areas.name',
            'areas.min_lat',
            'areas.max_lat',
            'areas.min_lng',
            'areas.max_lng',
            'districts.id as district_id',
            'districts.code as district_code',
            'districts.name as district_name'
          )
      : []
    // The organisation's area: the wards with figures in the districts its residents live in
    // (and any ward one of them lives in), so that an install shared by several
    // organisations compares each with its own patch.
    const districtIds = new Set(candidates.map((area) => area.district_id).filter(Boolean))
    const residentsIn = await counts.inAreas([...candidates.map((area) => area.id), ...districtIds])
    const lived = (id: number | null) => Boolean(id && residentsIn.get(id))
    const areas = candidates.filter((area) => lived(area.id) || lived(area.district_id))

    const totalPeople = areas.reduce((sum, area) => sum + populationOf(area.id), 0)
    const totalResidents = areas.reduce((sum, area) => sum + (residentsIn.get(area.id) ?? 0), 0)
    const ratePer1000 = totalPeople ? (totalResidents / totalPeople) * 1000 : 0
    return {
      byWard,
      areas,
      residentsIn,
      populationOf,
      average: { totalResidents, totalPeople, ratePer1000 },
    }
  }
}
