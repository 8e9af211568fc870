/** [longitude, latitude], as GeoJSON writes positions. */
type Position = [number, number]

/** A shape drawn on the map, as targeting and virtual watch groups store it. */
export type PlaceShape =
  | { type: 'polygon'; coordinates: Position[] }
  | { type: 'circle'; center: Position; radiusMetres: number }

const EARTH_RADIUS_METRES = 6_371_008.8

/** The great-circle distance between two points, in metres. */
export function metresBetween([lng1, lat1]: Position, [lng2, lat2]: Position) {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLng = (lng2 - lng1) * rad
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)))
}

/**
 * Whether a point lies inside a drawn shape: within a circle's radius, or
 * inside a polygon by ray casting (fine at the size of a neighbourhood,
 * where the earth is flat enough).
 */
export function shapeContains(shape: PlaceShape, lat: number, lng: number) {
  if (shape.type === 'circle') return metresBetween(shape.center, [lng, lat]) <= shape.radiusMetres
  let inside = false
  const ring = shape.coordinates
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** The longest distance across a shape, in metres: a circle's diameter, a polygon's widest corners. */
export function shapeSpanMetres(shape: PlaceShape) {
  if (shape.type === 'circle') return shape.radiusMetres * 2
  let widest = 0
  for (const a of shape.coordinates) {
    for (const b of shape.coordinates) widest = Math.max(widest, metresBetween(a, b))
  }
  return widest
}
