// shpjs 6 ships no types; only the call Beacon makes is declared.
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson'

  /** Parses a shapefile's parts; without `prj` the coordinates are left as they are. */
  export function getShapefile(parts: {
    shp: Uint8Array
    dbf?: Uint8Array
    cpg?: string
    prj?: string
  }): Promise<FeatureCollection>
}
