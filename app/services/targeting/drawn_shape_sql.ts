import type { DrawnShape, Position } from '#services/targeting/audience_criteria'

/** A condition on residents' columns, as raw SQL with its bindings. */
export interface RawCondition {
  sql: string
  bindings: (string | number | boolean)[]
}

const EARTH_RADIUS_METRES = 6_371_008.8
const RADIANS = Math.PI / 180

/**
 * A circle as an equirectangular distance test: exact enough at the 50 km
 * the validator allows, and plain arithmetic that SQLite and PostgreSQL
 * both run without a spatial extension. The bounding box lets the database
 * discard most residents before the arithmetic.
 */
function insideCircle(center: Position, radiusMetres: number): RawCondition {
  const [lng0, lat0] = center
  const metresPerDegreeLat = EARTH_RADIUS_METRES * RADIANS
  const metresPerDegreeLng = metresPerDegreeLat * Math.cos(lat0 * RADIANS)
  const dLat = radiusMetres / metresPerDegreeLat
  const dLng = radiusMetres / Math.max(metresPerDegreeLng, 1)
  return {
    sql:
      '(residents.lat BETWEEN ? AND ? AND residents.lng BETWEEN ? AND ? AND ' +
      '((residents.lng - ?) * ?) * ((residents.lng - ?) * ?) + ' +
      '((residents.lat - ?) * ?) * ((residents.lat - ?) * ?) <= ?)',
    bindings: [
      lat0 - dLat,
      lat0 + dLat,
      lng0 - dLng,
      lng0 + dLng,
      lng0,
      metresPerDegreeLng,
      lng0,
      metresPerDegreeLng,
      lat0,
      metresPerDegreeLat,
      lat0,
      metresPerDegreeLat,
      radiusMetres * radiusMetres,
    ],
  }
}

/**
 * A polygon by ray casting: one CASE per edge that a ray going east from
 * the resident's point crosses; an odd number of crossings is inside. The
 * edges' slopes are worked out here, so the database only compares.
 */
function insidePolygon(corners: Position[]): RawCondition {
  const ring = closedRingRemoved(corners)
  const lngs = ring.map(([lng]) => lng)
  const lats = ring.map(([, lat]) => lat)
  const crossings: string[] = []
  const bindings: number[] = [
    Math.min(...lats),
    Math.max(...lats),
    Math.min(...lngs),
    Math.max(...lngs),
  ]
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    // A horizontal edge is never crossed by a horizontal ray.
    if (yi === yj) continue
    crossings.push(
      'CASE WHEN residents.lat >= ? AND residents.lat < ? AND residents.lng < (residents.lat - ?) * ? + ? THEN 1 ELSE 0 END'
    )
    bindings.push(Math.min(yi, yj), Math.max(yi, yj), yi, (xj - xi) / (yj - yi), xi)
  }
  if (crossings.length === 0) return { sql: '1 = 0', bindings: [] }
  return {
    sql:
      '(residents.lat BETWEEN ? AND ? AND residents.lng BETWEEN ? AND ? AND ' +
      `(${crossings.join(' + ')}) % 2 = 1)`,
    bindings,
  }
}

/** The corners without the first one repeated at the end. */
export function closedRingRemoved(corners: Position[]): Position[] {
  const first = corners[0]
  const last = corners[corners.length - 1]
  return corners.length > 1 && first[0] === last[0] && first[1] === last[1]
    ? corners.slice(0, -1)
    : corners
}

export function insideShape(shape: DrawnShape): RawCondition {
  return shape.type === 'circle'
    ? insideCircle(shape.center, shape.radiusMetres)
    : insidePolygon(shape.coordinates)
}
