import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, copyFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'

/**
 * The kinds of file a report may carry, told apart by their first bytes (the
 * name and the type the browser claims are not trusted): photos a phone takes
 * or a screenshot (JPEG, PNG) and documents (PDF). HEIC is left out: staff's
 * browsers cannot show it, and phones offer JPEG when a web form asks.
 */
export const REPORT_FILE_TYPES = [
  { name: 'JPEG', contentType: 'image/jpeg', extension: 'jpg', magic: [[0xff, 0xd8, 0xff]] },
  {
    name: 'PNG',
    contentType: 'image/png',
    extension: 'png',
    magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  },
  {
    name: 'PDF',
    contentType: 'application/pdf',
    extension: 'pdf',
    magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  },
] as const

export type ReportFileType = (typeof REPORT_FILE_TYPES)[number]

export const REPORT_MAX_FILES = 3
export const REPORT_MAX_FILE_MB = 5
export const REPORT_MAX_TOTAL_MB = 10
export const REPORT_TYPE_NAMES = 'JPEG, PNG or PDF'

const MB = 1024 * 1024
export const REPORT_MAX_FILE_BYTES = REPORT_MAX_FILE_MB * MB

/** Stored names are ours: 32 hex characters and the type's extension, nothing a request could steer. */
const STORED_NAME = /^[0-9a-f]{32}\.(jpg|png|pdf)$/

/**
 * Report attachments on disk: STORAGE_DIR/reports, outside public/, under
 * random names. Only ReportAttachmentsController serves them, to staff of the
 * report's organisation.
 */
export default class ReportFiles {
  static directory() {
    return join(app.makePath(env.get('STORAGE_DIR', 'storage')), 'reports')
  }

  /** The type the file's first bytes say it is, or null for anything not allowed. */
  static async sniff(path: string): Promise<ReportFileType | null> {
    const handle = await open(path, 'r')
    try {
      const head = Buffer.alloc(16)
      const { bytesRead } = await handle.read(head, 0, head.length, 0)
      return (
        REPORT_FILE_TYPES.find((type) =>
          type.magic.some(
            (magic) => bytesRead >= magic.length && magic.every((byte, i) => head[i] === byte)
          )
        ) ?? null
      )
    } finally {
      await handle.close()
    }
  }

  static async size(path: string) {
    const info = await stat(path)
    return info.size
  }

  /** Moves an uploaded file in under a new random name, and answers the name. */
  static async keep(tmpPath: string, type: ReportFileType) {
    await mkdir(this.directory(), { recursive: true })
    const stored = `${randomBytes(16).toString('hex')}.${type.extension}`
    const target = join(this.directory(), stored)
    try {
      await rename(tmpPath, target)
    } catch {
      // Another disk (tmp/ and STORAGE_DIR apart): copy instead.
      await copyFile(tmpPath, target)
    }
    return stored
  }

  static async read(storedName: string) {
    if (!STORED_NAME.test(storedName)) return null
    try {
      return await readFile(join(this.directory(), storedName))
    } catch {
      return null
    }
  }

  static async remove(storedNames: string[]) {
    await Promise.all(
      storedNames
        .filter((name) => STORED_NAME.test(name))
        .map((name) => rm(join(this.directory(), name), { force: true }))
    )
  }

  /**
   * Deletes the files, then the rows, of the attachments of these threads
   * (a subquery of alert_replies ids): called before the threads are deleted.
   */
  static async removeForThreads(threadIds: ReturnType<typeof db.from>) {
    const rows = await db
      .from('report_attachments')
      .whereIn('reply_id', threadIds)
      .select('stored_name')
    await this.remove(rows.map((row) => String(row.stored_name)))
    await db.from('report_attachments').whereIn('reply_id', threadIds).delete()
  }
}
