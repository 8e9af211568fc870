import { iter } from 'but-unzip'
import { getShapefile } from 'shpjs'
import { feature as topologyFeatures } from 'topojson-client'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type { Topology } from 'topojson-specification'
import {
  projectionFromCrsMember,
  projectionFromPrj,
  type Projection,
} from '#services/areas/boundaries/projection'

/** A file that is not what it claims, or not boundaries at all. */
export class BoundaryFileError extends Error {}

export type BoundaryFormat = 'GeoJSON' | 'TopoJSON' | 'zipped shapefile'

/** The features of a boundary file as read, before reprojection or checks. */
export interface BoundaryFile {
  format: BoundaryFormat
  features: Feature<Geometry | null>[]
  /** What the file says its projection is; null when it does not say. */
  projection: Projection | null
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04]

function isZip(bytes: Uint8Array) {
  return ZIP_SIGNATURE.every((byte, index) => bytes[index] === byte)
}

/**
 * Whether the zip's closing record (its central directory's end) is there:
 * but-unzip searches for it without end in a file that lacks one.
 */
function hasZipDirectory(bytes: Uint8Array) {
  const end = Buffer.from([0x50, 0x4b, 0x05, 0x06])
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(-65_557)
  return tail.length >= 22 && tail.lastIndexOf(end) >= 0
}

async function readShapefile(bytes: Uint8Array, filename: string): Promise<BoundaryFile> {
  const parts: Record<string, Uint8Array> = {}
  if (!hasZipDirectory(bytes)) {
    throw new BoundaryFileError(`${filename} is not a zip file that can be opened.`)
  }
  try {
    for (const entry of iter(bytes)) {
      const extension = entry.filename.toLowerCase().match(/\.(shp|dbf|prj|cpg)$/)?.[1]
      if (!extension || entry.filename.includes('__MACOSX')) continue
      if (parts[extension]) {
        throw new BoundaryFileError(
          `${filename} holds more than one shapefile. Put one layer (one .shp with its .dbf and .prj) in each zip file.`
        )
      }
      parts[extension] = await entry.read()
    }
  } catch (error) {
    if (error instanceof BoundaryFileError) throw error
    throw new BoundaryFileError(`${filename} is not a zip file that can be opened.`)
  }
  if (!parts.shp) {
    throw new BoundaryFileError(
      `${filename} is a zip file but has no shapefile in it (no .shp file). Download the boundaries as “Shapefile” from the ONS Open Geography Portal.`
    )
  }
  if (!parts.dbf) {
    throw new BoundaryFileError(
      `${filename} has a .shp file but no .dbf file, so the areas' codes and names are missing.`
    )
  }
  const decoder = new TextDecoder()
  let collection: FeatureCollection
  try {
    // No .prj is passed: the projection is read and applied here, with the datum shift shpjs would miss.
    collection = (await getShapefile({
      shp: parts.shp,
      dbf: parts.dbf,
      cpg: parts.cpg ? decoder.decode(parts.cpg) : undefined,
    })) as FeatureCollection
  } catch {
    throw new BoundaryFileError(`${filename} has a .shp file that cannot be read as a shapefile.`)
  }
  return {
    format: 'zipped shapefile',
    features: collection.features,
    projection: parts.prj ? projectionFromPrj(decoder.decode(parts.prj), filename) : null,
  }
}

function readJson(bytes: Uint8Array, filename: string): BoundaryFile {
  let document: any
  try {
    document = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''))
  } catch {
    throw new BoundaryFileError(
      `${filename} is neither a zipped shapefile nor JSON. Give a GeoJSON, TopoJSON or zipped shapefile file.`
    )
  }
  if (document?.type === 'Topology' && document.objects && typeof document.objects === 'object') {
    const topology = document as Topology
    const features: Feature<Geometry | null>[] = []
    for (const object of Object.values(topology.objects)) {
      const result = topologyFeatures(topology, object) as Feature | FeatureCollection
      features.push(...(result.type === 'FeatureCollection' ? result.features : [result]))
    }
    return { format: 'TopoJSON', features, projection: null }
  }
  if (document?.type === 'FeatureCollection' && Array.isArray(document.features)) {
    return {
      format: 'GeoJSON',
      features: document.features,
      projection: projectionFromCrsMember(document.crs, filename),
    }
  }
  if (document?.type === 'Feature') {
    return {
      format: 'GeoJSON',
      features: [document],
      projection: projectionFromCrsMember(document.crs, filename),
    }
  }
  throw new BoundaryFileError(
    `${filename} is JSON but not GeoJSON or TopoJSON: it has no FeatureCollection or Topology in it.`
  )
}

/** Reads GeoJSON, TopoJSON or a zipped shapefile, telling them apart by their content. */
export async function readBoundaryFile(bytes: Uint8Array, filename: string): Promise<BoundaryFile> {
  if (bytes.length === 0) throw new BoundaryFileError(`${filename} is empty.`)
  const file = isZip(bytes) ? await readShapefile(bytes, filename) : readJson(bytes, filename)
  if (file.features.length === 0) {
    throw new BoundaryFileError(`${filename} has no areas in it (no features).`)
  }
  return file
}
