import type { Feature, Geometry } from 'geojson'
import type { AreaLevel } from '#models/areas/area'
import {
  BoundaryFileError,
  readBoundaryFile,
  type BoundaryFormat,
} from '#services/areas/boundaries/boundary_file'
import {
  detectBoundaryProperties,
  type BoundaryProperties,
} from '#services/areas/boundaries/boundary_properties'
import {
  geometryProblem,
  rounded,
  simplified,
  type AreaGeometry,
} from '#services/areas/boundaries/boundary_geometry'
import {
  guessProjection,
  PROJECTION_NAMES,
  ProjectionError,
  toWgs84,
  type Projection,
} from '#services/areas/boundaries/projection'

/** The choices an admin may make; anything left out is detected from the file. */
export interface PreparationOptions {
  level?: AreaLevel | null
  codeProperty?: string | null
  nameProperty?: string | null
  simplifyMetres?: number | null
}

export interface PreparedArea {
  /** The feature's position in the file, counting from 1. */
  index: number
  code: string
  name: string
  parentCode: string | null
  geometry: AreaGeometry
}

export interface PreparedBoundaries {
  filename: string
  format: BoundaryFormat
  projection: string
  properties: BoundaryProperties
  /** Every property name the features have, for choosing others. */
  propertyNames: string[]
  areas: PreparedArea[]
}

/** One or more features that cannot be imported; nothing is imported then. */
export class BoundaryProblemsError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? problems[0]
        : `${problems.length} areas cannot be imported:\n${problems.join('\n')}`
    )
  }
}

/** "Feature 3 (E05008481 Brading, St Helens and Bembridge)": how a message names a feature. */
export function featureLabel(index: number, code?: unknown, name?: unknown) {
  const words = [code, name].filter((part) => typeof part === 'string' && part.trim()).join(' ')
  return words ? `Feature ${index} (${words})` : `Feature ${index}`
}

function text(value: unknown) {
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' ? value.trim() : ''
}

function propertyNamesOf(features: Feature<Geometry | null>[]) {
  const names = new Set<string>()
  for (const item of features.slice(0, 50))
    Object.keys(item.properties ?? {}).forEach((n) => names.add(n))
  return [...names]
}

function chosenProperties(
  propertyNames: string[],
  options: PreparationOptions,
  filename: string
): BoundaryProperties {
  const detected = detectBoundaryProperties(propertyNames, options.level ?? null)
  const codeProperty = options.codeProperty || detected.codeProperty
  const nameProperty = options.nameProperty || detected.nameProperty
  const level = options.level || detected.level
  const listed = propertyNames.length ? propertyNames.join(', ') : 'none'
  for (const [chosen, what] of [
    [codeProperty, 'code'],
    [nameProperty, 'name'],
  ] as const) {
    if (!chosen) {
      throw new BoundaryFileError(
        `Cannot tell which property of ${filename} holds each area's ${what}. Its properties are: ${listed}. Name the ${what} property.`
      )
    }
    if (!propertyNames.includes(chosen)) {
      throw new BoundaryFileError(
        `${filename} has no property called ${chosen}. Its properties are: ${listed}.`
      )
    }
  }
  if (!level) {
    throw new BoundaryFileError(
      `Cannot tell whether ${filename} holds districts or wards from its property names. Choose the level.`
    )
  }
  return {
    codeProperty: codeProperty!,
    nameProperty: nameProperty!,
    level,
    parentCodeProperty: level === 'ward' ? (detected.parentCodeProperty ?? null) : null,
  }
}

/** What the options form offers: the file's format, its properties, and the ones detected. */
export async function describeBoundaries(bytes: Uint8Array, filename: string) {
  const file = await readBoundaryFile(bytes, filename)
  const propertyNames = propertyNamesOf(file.features)
  return {
    format: file.format,
    featureCount: file.features.length,
    propertyNames,
    detected: detectBoundaryProperties(propertyNames),
  }
}

/**
 * Reads a boundary file and checks every feature before anything is written:
 * its format, projection (reprojected to WGS84), code, name and geometry.
 * Throws BoundaryFileError for the file, BoundaryProblemsError listing every
 * feature that cannot be imported.
 */
export async function prepareBoundaries(
  bytes: Uint8Array,
  filename: string,
  options: PreparationOptions = {}
): Promise<PreparedBoundaries> {
  let file
  let projection: Projection | null
  try {
    file = await readBoundaryFile(bytes, filename)
    projection = file.projection ?? guessProjection(file.features)
  } catch (error) {
    if (error instanceof ProjectionError) throw new BoundaryFileError(error.message)
    throw error
  }
  if (!projection) {
    throw new BoundaryFileError(
      `Cannot tell the projection of ${filename}: its coordinates are neither longitude and latitude nor British National Grid eastings and northings.`
    )
  }
  toWgs84(file.features, projection)
  const propertyNames = propertyNamesOf(file.features)
  const properties = chosenProperties(propertyNames, options, filename)

  const problems: string[] = []
  const areas: PreparedArea[] = []
  const seen = new Map<string, number>()
  file.features.forEach((item, position) => {
    const index = position + 1
    const values = item?.properties ?? {}
    const code = text(values[properties.codeProperty])
    const name = text(values[properties.nameProperty])
    const label = featureLabel(index, code, name)
    if (!code)
      return problems.push(`${label} has no code (its ${properties.codeProperty} is empty).`)
    if (code.length > 20) return problems.push(`${label} has a code longer than 20 characters.`)
    if (!name)
      return problems.push(`${label} has no name (its ${properties.nameProperty} is empty).`)
    if (seen.has(code)) {
      return problems.push(`${label} has the same code as feature ${seen.get(code)}.`)
    }
    seen.set(code, index)
    const problem = geometryProblem(item?.geometry ?? null)
    if (problem) return problems.push(`${label} cannot be imported: ${problem}.`)
    const geometry = item.geometry as AreaGeometry
    areas.push({
      index,
      code,
      name: name.slice(0, 150),
      parentCode: properties.parentCodeProperty
        ? text(values[properties.parentCodeProperty]) || null
        : null,
      geometry: rounded(simplified(geometry, options.simplifyMetres ?? 0)),
    })
  })
  if (problems.length) throw new BoundaryProblemsError(problems)
  return {
    filename,
    format: file.format,
    projection: PROJECTION_NAMES[projection],
    properties,
    propertyNames,
    areas,
  }
}
