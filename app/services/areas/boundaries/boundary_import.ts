import db from '@adonisjs/lucid/services/db'
import AreaDirectory from '#services/areas/area_directory'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Area from '#models/areas/area'
import { areaReferences, type AreaReference } from '#services/areas/boundaries/area_references'
import { boundingBox } from '#services/areas/boundaries/boundary_geometry'
import {
  BoundaryProblemsError,
  featureLabel,
  type PreparedArea,
  type PreparedBoundaries,
} from '#services/areas/boundaries/prepared_boundaries'
import {
  placeResidentsAgain,
  type Box,
  type ReplacementCounts,
} from '#services/areas/boundaries/resident_replacement'
import { findWardDistricts, type DistrictChoice } from '#services/areas/boundaries/ward_districts'

export interface ImportChoices extends DistrictChoice {
  /** Remove the areas of this level (within the same districts) that the file no longer has. */
  removeMissing?: boolean
  /** Work everything out, report it, and write nothing. */
  dryRun?: boolean
}

export interface AreaSummary {
  code: string
  name: string
}

export interface BoundaryImportReport {
  dryRun: boolean
  filename: string
  format: string
  projection: string
  level: string
  codeProperty: string
  nameProperty: string
  total: number
  added: AreaSummary[]
  changed: AreaSummary[]
  unchanged: number
  /** Areas of the same level and districts that the file does not have. */
  missing: AreaSummary[]
  /** Whether the missing areas were (or, in a dry run, would be) removed. */
  removedMissing: boolean
  residents: ReplacementCounts
  /** What names the missing areas: to fix before (or after) removing them. */
  references: AreaReference[]
}

export type ProgressReporter = (phase: string, done: number, total: number) => Promise<void>

/** Thrown inside the transaction to undo a dry run once its report is made. */
class DryRunFinished extends Error {
  constructor(readonly report: BoundaryImportReport) {
    super('dry run')
  }
}

function unionBox(boxes: Box[]): Box | null {
  if (boxes.length === 0) return null
  return boxes.reduce((all, box) => ({
    minLng: Math.min(all.minLng, box.minLng),
    minLat: Math.min(all.minLat, box.minLat),
    maxLng: Math.max(all.maxLng, box.maxLng),
    maxLat: Math.max(all.maxLat, box.maxLat),
  }))
}

function storedBox(area: Area): Box | null {
  if (
    area.minLng === null ||
    area.minLat === null ||
    area.maxLng === null ||
    area.maxLat === null
  ) {
    return null
  }
  return { minLng: area.minLng, minLat: area.minLat, maxLng: area.maxLng, maxLat: area.maxLat }
}

const summary = (area: { code: string; name: string }): AreaSummary => ({
  code: area.code,
  name: area.name,
})

/**
 * Imports prepared boundaries in one transaction: upserts areas by code,
 * finds wards' districts, optionally removes the areas the file no longer
 * has, and places the residents of every changed area again. A dry run does
 * all of it, reports, and rolls it back, so its numbers are the real ones.
 */
export async function importBoundaries(
  prepared: PreparedBoundaries,
  choices: ImportChoices,
  progress: ProgressReporter = async () => {}
): Promise<BoundaryImportReport> {
  try {
    const report = await db.transaction(async (trx) => {
      const written = await write(trx, prepared, choices, progress)
      if (choices.dryRun) throw new DryRunFinished(written)
      return written
    })
    await AreaDirectory.changed()
    return report
  } catch (error) {
    if (error instanceof DryRunFinished) return error.report
    throw error
  }
}

async function write(
  trx: TransactionClientContract,
  prepared: PreparedBoundaries,
  choices: ImportChoices,
  progress: ProgressReporter
): Promise<BoundaryImportReport> {
  const { level } = prepared.properties
  const parents = new Map<string, number | null>()
  if (level === 'ward') {
    const found = await findWardDistricts(prepared.areas, choices, trx)
    if (found.problems.length) {
      throw new BoundaryProblemsError(
        found.problems.map(
          ({ area, message }) =>
            `${featureLabel(area.index, area.code, area.name)} cannot be imported: ${message}.`
        )
      )
    }
    for (const [code, id] of found.parents) parents.set(code, id)
  }

  const existing = new Map<string, Area>()
  const codes = prepared.areas.map((area) => area.code)
  for (let start = 0; start < codes.length; start += 500) {
    const found = await Area.query({ client: trx }).whereIn('code', codes.slice(start, start + 500))
    for (const area of found) existing.set(area.code, area)
  }
  for (const area of prepared.areas) {
    const clash = existing.get(area.code)
    if (clash && clash.level !== level) {
      throw new BoundaryProblemsError([
        `${featureLabel(area.index, area.code, area.name)} cannot be imported: ${area.code} is already a ${clash.level}, not a ${level}.`,
      ])
    }
  }

  const added: PreparedArea[] = []
  const changed: PreparedArea[] = []
  const touchedBoxes: Box[] = []
  const touchedIds: number[] = []
  let unchanged = 0
  let done = 0
  for (const area of prepared.areas) {
    const geometry = JSON.stringify(area.geometry)
    const box = boundingBox(area.geometry)
    const parentId = parents.get(area.code) ?? null
    const old = existing.get(area.code)
    if (!old) {
      const created = await Area.create(
        { code: area.code, name: area.name, level, parentId, geometry, ...box },
        { client: trx }
      )
      added.push(area)
      touchedBoxes.push(box)
      touchedIds.push(created.id)
    } else if (old.name !== area.name || old.parentId !== parentId || old.geometry !== geometry) {
      if (old.geometry !== geometry) {
        touchedBoxes.push(box, ...[storedBox(old)].filter((b): b is Box => b !== null))
      }
      touchedIds.push(old.id)
      old.useTransaction(trx)
      old.merge({ name: area.name, parentId, geometry, ...box })
      await old.save()
      changed.push(area)
    } else {
      unchanged++
    }
    if (++done % 50 === 0) await progress('areas', done, prepared.areas.length)
  }
  await progress('areas', done, prepared.areas.length)

  const missing = await missingAreas(trx, level, codes, [...new Set(parents.values())])
  const leaving = new Set<number>()
  if (choices.removeMissing) {
    for (const area of missing) {
      leaving.add(area.id)
      const box = storedBox(area)
      if (box) touchedBoxes.push(box)
      touchedIds.push(area.id)
    }
  }
  const residents = await placeResidentsAgain(
    trx,
    { box: unionBox(touchedBoxes), areaIds: touchedIds, leaving },
    (count, total) => progress('residents', count, total)
  )
  const references = await areaReferences(new Map(missing.map((area) => [area.id, area.code])), trx)
  if (leaving.size) {
    const ids = [...leaving]
    await trx.from('resident_areas').whereIn('area_id', ids).delete()
    // Wards before their districts, which they reference.
    await trx.from('areas').whereIn('id', ids).where('level', 'ward').delete()
    await trx.from('areas').whereIn('id', ids).delete()
  }

  return {
    dryRun: Boolean(choices.dryRun),
    filename: prepared.filename,
    format: prepared.format,
    projection: prepared.projection,
    level,
    codeProperty: prepared.properties.codeProperty,
    nameProperty: prepared.properties.nameProperty,
    total: prepared.areas.length,
    added: added.map(summary),
    changed: changed.map(summary),
    unchanged,
    missing: missing.map(summary),
    removedMissing: Boolean(choices.removeMissing) && missing.length > 0,
    residents,
    references,
  }
}

/**
 * The areas a re-import of this level would drop: wards of the same
 * districts that are not in the file; or districts not in the file, with
 * their wards (a ward is never left without its district).
 */
async function missingAreas(
  trx: TransactionClientContract,
  level: string,
  codes: string[],
  parentIds: (number | null)[]
) {
  const query = Area.query({ client: trx }).where('level', level).orderBy('code')
  if (level === 'ward') {
    const ids = parentIds.filter((id): id is number => id !== null)
    if (ids.length === 0) return []
    query.whereIn('parent_id', ids)
  }
  const inFile = new Set(codes)
  const sameLevel = await query
  const missing = sameLevel.filter((area) => !inFile.has(area.code))
  if (level === 'district' && missing.length) {
    const wards = await Area.query({ client: trx })
      .whereIn(
        'parent_id',
        missing.map((area) => area.id)
      )
      .orderBy('code')
    missing.push(...wards)
  }
  return missing
}
