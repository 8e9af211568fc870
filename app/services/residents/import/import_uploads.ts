import { randomBytes } from 'node:crypto'
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { readCsvTable, type CsvTable } from '#services/residents/import/csv_table'
import type { ColumnMapping } from '#services/residents/import/import_mapping'

/** What Beacon keeps beside an uploaded file while an admin works through the steps. */
export interface ImportUpload {
  id: string
  organisationId: number
  userId: number
  filename: string
  uploadedAt: string
  mapping?: ColumnMapping
  /** The resident_imports row of the dry run, then of the import. */
  importId?: number
  imported?: boolean
}

interface Owner {
  organisationId: number
  userId: number
}

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/
const FILE = 'upload.csv'
const IMPORTING = 'importing.csv'
const META = 'upload.json'
// An abandoned upload is a copy of personal data; it is not kept longer than a working day.
const KEEP_FOR_MS = 24 * 60 * 60 * 1000

export class UploadBusyError extends Error {}

/**
 * Uploaded CSV files between the import's steps, in tmp/imports/<random id>.
 * The file stays on disk rather than in the session (a cookie), and only the
 * admin who uploaded it can reach it.
 */
export default class ImportUploads {
  static directory() {
    return app.makePath('tmp', 'imports')
  }

  static #folder(id: string) {
    if (!ID_PATTERN.test(id)) throw new Error('Not an upload id')
    return join(this.directory(), id)
  }

  /** Reads the file (refusing one Beacon cannot import), then keeps it. */
  static async store(file: MultipartFile, owner: Owner): Promise<ImportUpload> {
    readCsvTable(await readFile(file.tmpPath!))
    await this.sweep()

    const upload: ImportUpload = {
      id: randomBytes(16).toString('base64url'),
      organisationId: owner.organisationId,
      userId: owner.userId,
      filename: (file.clientName || 'upload.csv').slice(0, 255),
      uploadedAt: new Date().toISOString(),
    }
    const folder = this.#folder(upload.id)
    await mkdir(folder, { recursive: true })
    await file.move(folder, { name: FILE, overwrite: true })
    await this.save(upload)
    return upload
  }

  /** The upload, when it exists and belongs to this admin in this organisation. */
  static async find(id: string, owner: Owner): Promise<ImportUpload | null> {
    if (!ID_PATTERN.test(id)) return null
    let upload: ImportUpload
    try {
      upload = JSON.parse(await readFile(join(this.#folder(id), META), 'utf8'))
    } catch {
      return null
    }
    if (upload.organisationId !== owner.organisationId || upload.userId !== owner.userId) {
      return null
    }
    return upload
  }

  static async save(upload: ImportUpload) {
    await writeFile(join(this.#folder(upload.id), META), JSON.stringify(upload))
  }

  static async table(upload: ImportUpload): Promise<CsvTable> {
    return readCsvTable(await readFile(join(this.#folder(upload.id), FILE)))
  }

  /**
   * Takes the file for importing. Renaming is atomic, so a second click on
   * "Import" while the first is running cannot import the file twice.
   */
  static async claim(upload: ImportUpload): Promise<CsvTable> {
    const folder = this.#folder(upload.id)
    try {
      await rename(join(folder, FILE), join(folder, IMPORTING))
    } catch {
      throw new UploadBusyError('This file is already being imported.')
    }
    return readCsvTable(await readFile(join(folder, IMPORTING)))
  }

  /** After the import only the note that it happened is kept, not the residents' data. */
  static async finish(upload: ImportUpload) {
    await rm(join(this.#folder(upload.id), IMPORTING), { force: true })
    await this.save({ ...upload, imported: true })
  }

  /** Puts a claimed file back when the import failed, so that it can be tried again. */
  static async release(upload: ImportUpload) {
    const folder = this.#folder(upload.id)
    await rename(join(folder, IMPORTING), join(folder, FILE)).catch(() => {})
  }

  static async sweep(now = Date.now()) {
    const entries = await readdir(this.directory()).catch(() => [] as string[])
    for (const entry of entries) {
      if (!ID_PATTERN.test(entry)) continue
      const folder = join(this.directory(), entry)
      const info = await stat(folder).catch(() => null)
      if (info && now - info.mtimeMs > KEEP_FOR_MS)
        await rm(folder, { recursive: true, force: true })
    }
  }
}
