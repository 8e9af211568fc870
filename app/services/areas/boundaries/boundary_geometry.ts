import kinks from '@turf/kinks'
import simplify from '@turf/simplify'
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson'

export type AreaGeometry = Polygon | MultiPolygon

/** Roughly the United Kingdom with its islands and seas (after reprojection). */
export const UK_BOUNDS = { minLng: -9, maxLng: 2.5, minLat: 49.5, maxLat: 61.5 }

const METRES_PER_DEGREE = 111_320

function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
}

function closed(ring: Position[]) {
  const first = ring[0]
  const last = ring[ring.length - 1]
  return first[0] === last[0] && first[1] === last[1]
}

/**
 * What is wrong with a feature's geometry, in plain English; null when it is
 * a valid polygon or multipolygon inside the UK.
 */
export function geometryProblem(geometry: Geometry | null): string | null {
  if (!geometry) return 'it has no geometry (an empty boundary)'
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    return `its geometry is a ${geometry.type}, not an area (a Polygon or MultiPolygon)`
  }
  const polygons = polygonsOf(geometry)
  if (!Array.isArray(polygons) || polygons.length === 0 || polygons.some((p) => !p?.length)) {
    return 'its boundary is empty (no coordinates)'
  }
  for (const polygon of polygons) {
    for (const ring of polygon) {
      if (
        !Array.isArray(ring) ||
        ring.some((p) => !Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
      ) {
        return 'its boundary has a point that is not a pair of numbers'
      }
      if (ring.length < 4) return 'its boundary has a ring of fewer than four points'
      if (!closed(ring)) return 'its boundary is not closed (a ring does not end where it starts)'
    }
  }
  const box = boundingBox(geometry)
  if (
    box.minLng < UK_BOUNDS.minLng ||
    box.maxLng > UK_BOUNDS.maxLng ||
    box.minLat < UK_BOUNDS.minLat ||
    box.maxLat > UK_BOUNDS.maxLat
  ) {
    const at = (value: number) => value.toFixed(2)
    return `it lies outside the UK (longitude ${at(box.minLng)} to ${at(box.maxLng)}, latitude ${at(box.minLat)} to ${at(box.maxLat)})`
  }
  const crossings = kinks(geometry).features
  if (crossings.length) {
    const [lng, lat] = crossings[0].geometry.coordinates
    return `its boundary crosses itself (near longitude ${lng.toFixed(5)}, latitude ${lat.toFixed(5)})`
  }
  return null
}

export function boundingBox(geometry: AreaGeometry) {
  let minLng = Infinity
  let minLat = Infinity
  let maxLng = -Infinity
  let maxLat = -Infinity
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (const [lng, lat] of ring) {
        minLng = Math.min(minLng, lng)
        minLat = Math.min(minLat, lat)
        maxLng = Math.max(maxLng, lng)
        maxLat = Math.max(maxLat, lat)
      }
    }
  }
  return { minLng, minLat, maxLng, maxLat }
}

/**
 * Simplifies a boundary to within about `metres`; where simplifying would
 * make it cross itself or collapse a ring, the boundary is kept as it was.
 */
export function simplified(geometry: AreaGeometry, metres: number): AreaGeometry {
  if (metres <= 0) return geometry
  const result = simplify({ type: 'Feature', properties: {}, geometry } as Feature<AreaGeometry>, {
    tolerance: metres / METRES_PER_DEGREE,
    highQuality: true,
  }).geometry
  const collapsed = polygonsOf(result).some((polygon) => polygon.some((ring) => ring.length < 4))
  if (collapsed || kinks(result).features.length) return geometry
  return result
}

/** Six decimal places of a degree are about 10 cm: enough, and much smaller to keep. */
export function rounded(geometry: AreaGeometry): AreaGeometry {
  const round = (ring: Position[]) =>
    ring.map(([lng, lat]) => [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6])
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(round) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(round)) }
}
