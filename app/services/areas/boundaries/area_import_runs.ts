import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import logger from '@adonisjs/core/services/logger'
import redis from '@adonisjs/redis/services/main'
import AreaImportRecord from '#models/areas/area_import_record'
import AuditLog from '#models/platform/audit_log'
import queues from '#services/platform/infrastructure/queue'
import { redisKey } from '#services/platform/infrastructure/redis_keys'
import { BoundaryFileError } from '#services/areas/boundaries/boundary_file'
import { importBoundaries } from '#services/areas/boundaries/boundary_import'
import {
  BoundaryProblemsError,
  prepareBoundaries,
} from '#services/areas/boundaries/prepared_boundaries'
import { readWardLookup } from '#services/areas/boundaries/ward_districts'

export const AREA_IMPORT_QUEUE = 'area-import'
const BOUNDARIES = 'boundaries'
const LOOKUP = 'lookup.csv'
// A national ward file takes minutes, not hours; a job still running after this has stalled.
const JOB_TIMEOUT_MS = 60 * 60 * 1000

export interface AreaImportProgress {
  phase: 'waiting' | 'reading' | 'areas' | 'residents' | 'finished'
  done: number
  total: number
}

// An upload checked but never imported is not kept for ever.
const KEEP_UPLOADS_MS = 7 * 24 * 60 * 60 * 1000

function uploadsFolder() {
  return app.makePath('tmp', 'area-imports')
}

function folderOf(record: AreaImportRecord) {
  return join(uploadsFolder(), String(record.id))
}

function progressKey(id: number) {
  return redisKey('area-import', id)
}

async function setProgress(id: number, progress: AreaImportProgress) {
  await redis.set(progressKey(id), JSON.stringify(progress), 'EX', 24 * 60 * 60)
}

/**
 * Settings → Areas: the uploaded boundary file (and any lookup CSV) kept in
 * tmp/area-imports/<id>, and the queue job that checks or imports it.
 */
export default class AreaImportRuns {
  static async keepFile(
    record: AreaImportRecord,
    file: MultipartFile,
    kind: 'boundaries' | 'lookup'
  ) {
    await this.sweep()
    const folder = folderOf(record)
    await mkdir(folder, { recursive: true })
    await file.move(folder, { name: kind === 'lookup' ? LOOKUP : BOUNDARIES, overwrite: true })
  }

  /** Removes uploads untouched for a week (their records stay, with their reports). */
  static async sweep(now = Date.now()) {
    for (const entry of await readdir(uploadsFolder()).catch(() => [] as string[])) {
      if (!/^\d+$/.test(entry)) continue
      const folder = join(uploadsFolder(), entry)
      const info = await stat(folder).catch(() => null)
      if (info && now - info.mtimeMs > KEEP_UPLOADS_MS) {
        await rm(folder, { recursive: true, force: true })
      }
    }
  }

  static async readFile(record: AreaImportRecord) {
    return readFile(join(folderOf(record), BOUNDARIES))
  }

  /** Queues the dry run or the import; the record says which and shows its progress. */
  static async start(record: AreaImportRecord, dryRun: boolean) {
    record.merge({ status: dryRun ? 'checking' : 'importing', dryRun, problems: null })
    await record.save()
    await setProgress(record.id, { phase: 'waiting', done: 0, total: 0 })
    await queues.add(AREA_IMPORT_QUEUE, { id: record.id }, { timeoutMs: JOB_TIMEOUT_MS })
  }

  static async progressOf(record: AreaImportRecord): Promise<AreaImportProgress> {
    // The record is the truth once the job is over; Redis only says how far a running job has got.
    if (!record.isWorking) return { phase: 'finished', done: 0, total: 0 }
    const stored = await redis.get(progressKey(record.id))
    return stored ? JSON.parse(stored) : { phase: 'waiting', done: 0, total: 0 }
  }

  /** The queue job: does the dry run or the import, and keeps its report or its problems. */
  static async run(id: number) {
    const record = await AreaImportRecord.find(id)
    if (!record || !record.isWorking) return
    const options = record.options ?? {}
    const dryRun = record.dryRun
    try {
      await setProgress(id, { phase: 'reading', done: 0, total: 0 })
      const prepared = await prepareBoundaries(
        await this.readFile(record),
        record.filename,
        options
      )
      const lookup = options.hasLookup
        ? readWardLookup(await readFile(join(folderOf(record), LOOKUP)), 'the lookup file')
        : null
      const report = await importBoundaries(
        prepared,
        { parentCode: options.parentCode, lookup, removeMissing: options.removeMissing, dryRun },
        (phase, done, total) => setProgress(id, { phase: phase as 'areas', done, total })
      )
      // The import is recorded in the audit log before the page can show it finished.
      if (!dryRun) {
        await AuditLog.create({
          userId: record.userId,
          action: 'areas.imported',
          subjectType: 'area_import',
          subjectId: record.id,
          details: {
            filename: record.filename,
            level: report.level,
            added: report.added.length,
            changed: report.changed.length,
            removed: report.removedMissing ? report.missing.length : 0,
            residentsMoved: report.residents.moved,
          },
        })
      }
      record.merge({ status: dryRun ? 'checked' : 'imported', report })
      await record.save()
      if (!dryRun) await rm(folderOf(record), { recursive: true, force: true })
    } catch (error) {
      const problems =
        error instanceof BoundaryProblemsError
          ? error.problems
          : error instanceof BoundaryFileError
            ? [error.message]
            : null
      if (!problems) logger.error({ err: error, areaImport: id }, 'area import failed')
      record.merge({
        status: 'failed',
        problems: problems ?? [
          'The import stopped because of an unexpected error, and nothing was imported. The error is in the log; try again, or use node ace areas:import.',
        ],
      })
      await record.save()
    } finally {
      await setProgress(id, { phase: 'finished', done: 0, total: 0 })
    }
  }
}
