import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import { point } from '@turf/helpers'
import type { MultiPolygon, Polygon } from 'geojson'
import Area from '#models/areas/area'
import PostcodeLookup from '#services/areas/postcode_lookup'

/** Where a resident said they live, as kept between the sign-up's steps. */
export type ChosenLocation =
  | { how: 'postcode'; postcode: string; lat: number; lng: number }
  | { how: 'map'; lat: number; lng: number }
  | { how: 'ward'; wardId: number }

export type PlacementRefusal = 'unknown_postcode' | 'outside_areas' | 'unknown_ward'

export type Placement =
  | { placed: true; location: ChosenLocation; areas: Area[] }
  | { placed: false; refusal: PlacementRefusal }

// Parsed once per loaded area: re-placing every resident tests each boundary many times.
const parsed = new WeakMap<Area, Polygon | MultiPolygon>()
function parsedGeometry(area: Area) {
  let geometry = parsed.get(area)
  if (!geometry) {
    geometry = JSON.parse(area.geometry!) as Polygon | MultiPolygon
    parsed.set(area, geometry)
  }
  return geometry
}

const LEVEL_ORDER: Record<string, number> = { ward: 0, district: 1 }

function mostSpecificFirst(areas: Area[]) {
  return areas.sort(
    (a, b) =>
      (LEVEL_ORDER[a.level] ?? 99) - (LEVEL_ORDER[b.level] ?? 99) || a.name.localeCompare(b.name)
  )
}

/**
 * Puts a resident in the areas where they live: every area, at every level,
 * whose boundary contains their point, or a chosen ward and its district.
 */
export default class AreaPlacement {
  static async containing(lat: number, lng: number): Promise<Area[]> {
    // The bounding boxes rule out most areas in SQL; an area imported
    // without its box is still tested against its boundary.
    const candidates = await Area.query()
      .whereNotNull('geometry')
      .where((query) => {
        query.whereNull('min_lng').orWhere((box) => {
          box
            .where('min_lng', '<=', lng)
            .where('max_lng', '>=', lng)
            .where('min_lat', '<=', lat)
            .where('max_lat', '>=', lat)
        })
      })
    return mostSpecificFirst(await this.#withAncestors(this.within(candidates, lat, lng)))
  }

  /** The areas among `areas` whose boundary contains the point (no database, no ancestors). */
  static within(areas: Area[], lat: number, lng: number): Area[] {
    const here = point([lng, lat])
    return areas.filter((area) => {
      if (!area.geometry) return false
      if (area.minLng !== null && area.minLat !== null && area.maxLng !== null) {
        if (lng < area.minLng || lng > area.maxLng! || lat < area.minLat || lat > area.maxLat!) {
          return false
        }
      }
      return booleanPointInPolygon(here, parsedGeometry(area))
    })
  }

  static async place(location: ChosenLocation): Promise<Placement> {
    if (location.how === 'ward') {
      const ward = await Area.query().where('id', location.wardId).where('level', 'ward').first()
      if (!ward) return { placed: false, refusal: 'unknown_ward' }
      return { placed: true, location, areas: mostSpecificFirst(await this.#withAncestors([ward])) }
    }
    const areas = await this.containing(location.lat, location.lng)
    if (areas.length === 0) return { placed: false, refusal: 'outside_areas' }
    return { placed: true, location, areas }
  }

  static async byPostcode(postcode: string): Promise<Placement> {
    const found = await PostcodeLookup.find(postcode)
    if (!found) return { placed: false, refusal: 'unknown_postcode' }
    return this.place({ how: 'postcode', postcode: found.postcode, lat: found.lat, lng: found.lng })
  }

  /** "Central, Boston": the areas' names, most specific first. */
  static describe(areas: Area[]) {
    return areas.map((area) => area.name).join(', ')
  }

  /**
   * A ward's district is where its residents live even where the two
   * boundaries disagree by a few metres.
   */
  static async #withAncestors(areas: Area[]) {
    const found = new Map(areas.map((area) => [area.id, area]))
    let missing = areas
      .map((area) => area.parentId)
      .filter((id): id is number => id !== null && !found.has(id))
    while (missing.length) {
      const parents = await Area.query().whereIn('id', [...new Set(missing)])
      for (const parent of parents) found.set(parent.id, parent)
      missing = parents
        .map((parent) => parent.parentId)
        .filter((id): id is number => id !== null && !found.has(id))
    }
    return [...found.values()]
  }
}
