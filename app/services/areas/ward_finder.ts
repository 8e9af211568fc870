import type { AreaChoice } from '#services/areas/area_directory'

export interface WardOption {
  id: number
  name: string
  district: string
}

export interface DistrictOption {
  id: number
  name: string
  wards: number
}

export type WardFinding =
  | { kind: 'start' }
  | { kind: 'search'; query: string; wards: WardOption[]; total: number }
  | { kind: 'district'; district: DistrictOption; wards: WardOption[] }
  | { kind: 'unknown_district' }

/** More than this and the resident is asked to type more of the name. */
export const SHOWN_MATCHES = 50

/** "Saint-Helens' Ward" → "saint helens ward": case, accents and punctuation do not matter. */
export function searchable(text: string) {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * Finding your ward without knowing which district it is in: by typing part
 * of its name (what the type-ahead asks, and the search without JavaScript),
 * or by choosing the district first, then the ward.
 */
export default class WardFinder {
  constructor(private districts: AreaChoice[]) {}

  /** The districts, in name order, with how many wards each has. */
  districtOptions(): DistrictOption[] {
    return this.districts
      .filter((district) => district.children.length > 0)
      .map((district) => ({
        id: district.id,
        name: district.name,
        wards: district.children.length,
      }))
  }

  find(request: { query?: string; districtId?: number; wardId?: number | null }): WardFinding {
    const query = (request.query ?? '').trim().slice(0, 100)
    if (searchable(query)) return this.search(query)
    if (request.districtId !== undefined) return this.inDistrict(request.districtId)
    // Coming back to change the answer: the ward chosen, among its neighbours.
    const chosen = this.districts.find((district) =>
      district.children.some((ward) => ward.id === request.wardId)
    )
    if (chosen) return this.inDistrict(chosen.id)
    const options = this.districtOptions()
    if (options.length === 1) return this.inDistrict(options[0].id)
    return { kind: 'start' }
  }

  /** Wards whose name (or "ward, district") holds the words typed; the closest first. */
  search(query: string): WardFinding {
    const wanted = searchable(query)
    const matches: { ward: WardOption; rank: number }[] = []
    for (const district of this.districts) {
      for (const ward of district.children) {
        const name = searchable(ward.name)
        const rank = name.startsWith(wanted)
          ? 0
          : ` ${name}`.includes(` ${wanted}`)
            ? 1
            : name.includes(wanted)
              ? 2
              : `${name} ${searchable(district.name)}`.includes(wanted)
                ? 3
                : -1
        if (rank >= 0) {
          matches.push({ ward: { id: ward.id, name: ward.name, district: district.name }, rank })
        }
      }
    }
    matches.sort(
      (a, b) =>
        a.rank - b.rank ||
        a.ward.name.localeCompare(b.ward.name, 'en-GB') ||
        a.ward.district.localeCompare(b.ward.district, 'en-GB')
    )
    return {
      kind: 'search',
      query,
      wards: matches.slice(0, SHOWN_MATCHES).map((match) => match.ward),
      total: matches.length,
    }
  }

  inDistrict(districtId: number): WardFinding {
    const district = this.districts.find((candidate) => candidate.id === districtId)
    if (!district || district.children.length === 0) return { kind: 'unknown_district' }
    return {
      kind: 'district',
      district: { id: district.id, name: district.name, wards: district.children.length },
      wards: district.children.map((ward) => ({
        id: ward.id,
        name: ward.name,
        district: district.name,
      })),
    }
  }
}
