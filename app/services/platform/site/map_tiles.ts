/**
 * The street map behind the sign-up and targeting maps, from a tile server an
 * install admin sets in Settings → Site. Leaflet asks it for {z}/{x}/{y}
 * images; the content security policy must let the browser load them.
 */
export interface MapTiles {
  url: string
  attribution: string
  /** What the policy's img-src names: the server's scheme, host and port. */
  origin: string
}

/** The documented starting point (OpenStreetMap's standard tiles, under their usage policy). */
export const SUGGESTED_MAP_TILES = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© OpenStreetMap contributors',
}

export function mapTilesOf(url: string | null, attribution: string | null): MapTiles | null {
  if (!url) return null
  try {
    return { url, attribution: attribution ?? '', origin: new URL(tileUrlExample(url)).origin }
  } catch {
    return null
  }
}

/** The address of one tile, for parsing and for "try this address" hints. */
export function tileUrlExample(url: string) {
  return url.replace('{z}', '0').replace('{x}', '0').replace('{y}', '0')
}

/*
| The policy is written before the controller runs, from a function that
| cannot wait for the database; the settings are read earlier in the same
| request (the site settings middleware), and keep this copy current.
*/
let tileOrigin: string | null = null

export function allowMapTileImages(tiles: MapTiles | null) {
  tileOrigin = tiles?.origin ?? null
}

/** For img-src: the tile server's origin, or 'self' again when there is none. */
export function mapTileImageSource() {
  return tileOrigin ?? `'self'`
}
