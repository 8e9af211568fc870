import proj4 from 'proj4'
import type { Feature, Geometry, Position } from 'geojson'

/** The projections the ONS Open Geography Portal ships boundaries in. */
export type Projection = 'wgs84' | 'british_national_grid' | 'web_mercator'

export class ProjectionError extends Error {}

// EPSG:27700 with the seven-parameter shift from OSGB36 to WGS84 (within about 5 metres).
const BRITISH_NATIONAL_GRID =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs'

const SOURCES: Record<Exclude<Projection, 'wgs84'>, string> = {
  british_national_grid: BRITISH_NATIONAL_GRID,
  web_mercator: 'EPSG:3857',
}

export const PROJECTION_NAMES: Record<Projection, string> = {
  wgs84: 'longitude and latitude (WGS84)',
  british_national_grid: 'British National Grid (EPSG:27700)',
  web_mercator: 'Web Mercator (EPSG:3857)',
}

function fromEpsg(code: string | undefined): Projection | null {
  if (code === '27700') return 'british_national_grid'
  if (code === '4326' || code === '4258') return 'wgs84'
  if (code === '3857' || code === '900913') return 'web_mercator'
  return null
}

/** A GeoJSON file's `crs` member (GeoJSON 2008), e.g. urn:ogc:def:crs:EPSG::27700. */
export function projectionFromCrsMember(crs: any, filename: string): Projection | null {
  const name = crs?.properties?.name
  if (typeof name !== 'string') return null
  if (/CRS84$/i.test(name)) return 'wgs84'
  const found = fromEpsg(name.match(/EPSG:{1,2}(\d+)$/i)?.[1])
  if (found) return found
  throw new ProjectionError(
    `${filename} is in a projection Beacon does not know (${name}). Download it from the ONS Open Geography Portal in WGS84 or British National Grid.`
  )
}

/** A shapefile's .prj (well-known text), as the ONS and ESRI write it. */
export function projectionFromPrj(prj: string, filename: string): Projection {
  if (/British_National_Grid|OSGB[ _]?1936|OSGB36|27700/i.test(prj) && /PROJCS/i.test(prj)) {
    return 'british_national_grid'
  }
  if (/Mercator_Auxiliary_Sphere|Pseudo[ _-]Mercator|3857/i.test(prj)) return 'web_mercator'
  if (!/PROJCS/i.test(prj) && /WGS[ _]?1984|WGS[ _]?84|ETRS[ _]?1989/i.test(prj)) return 'wgs84'
  const name = prj.match(/^\s*\w+\["([^"]+)"/)?.[1] ?? 'unnamed'
  throw new ProjectionError(
    `${filename} is in a projection Beacon does not know (${name}). Download it from the ONS Open Geography Portal in WGS84 or British National Grid.`
  )
}

function* positions(geometry: Geometry | null): Generator<Position> {
  if (!geometry) return
  if (geometry.type === 'Polygon') for (const ring of geometry.coordinates) yield* ring
  else if (geometry.type === 'MultiPolygon') {
    for (const polygon of geometry.coordinates) for (const ring of polygon) yield* ring
  }
}

/**
 * For a file that does not say: longitudes and latitudes stay within ±180
 * and ±90, and Great Britain's grid eastings and northings within 0–700 km
 * and 0–1,300 km.
 */
export function guessProjection(features: Feature<Geometry | null>[]): Projection | null {
  let degrees = true
  let grid = true
  let seen = false
  for (const item of features) {
    for (const [x, y] of positions(item.geometry)) {
      seen = true
      if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) degrees = false
      if (!(x >= -10_000 && x <= 710_000 && y >= -10_000 && y <= 1_300_000)) grid = false
      if (!degrees && !grid) return null
    }
  }
  if (!seen) return 'wgs84'
  return degrees ? 'wgs84' : grid ? 'british_national_grid' : null
}

/** Reprojects every position to WGS84 longitude and latitude, in place. */
export function toWgs84(features: Feature<Geometry | null>[], projection: Projection) {
  if (projection === 'wgs84') return
  const converter = proj4(SOURCES[projection], 'WGS84')
  const convert = (ring: Position[]) =>
    ring.map((position) => converter.forward([position[0], position[1]]))
  for (const item of features) {
    const geometry = item.geometry
    if (geometry?.type === 'Polygon') geometry.coordinates = geometry.coordinates.map(convert)
    else if (geometry?.type === 'MultiPolygon') {
      geometry.coordinates = geometry.coordinates.map((polygon) => polygon.map(convert))
    }
  }
}
