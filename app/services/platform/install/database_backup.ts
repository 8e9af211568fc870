import { execFile } from 'node:child_process'
import { mkdir, rm, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

const run = promisify(execFile)

export interface Backup {
  file: string
  connection: 'sqlite' | 'pg'
  /** How to put it back, step by step, for the operator. */
  restore: string[]
}

/**
 * Backs up the configured database while Beacon runs: SQLite through its
 * online backup API (a consistent copy, even with the web process and
 * workers writing), PostgreSQL through pg_dump's custom format.
 */
export default class DatabaseBackup {
  static async run(to?: string): Promise<Backup> {
    const connection = env.get('DB_CONNECTION', 'sqlite')
    const file = await this.#destination(to, connection === 'pg' ? 'dump' : 'sqlite3')
    await mkdir(dirname(file), { recursive: true })
    return connection === 'pg' ? this.#postgres(file) : this.#sqlite(file)
  }

  /** A directory (existing, or written with a trailing slash) gets a timestamped file inside it. */
  static async #destination(to: string | undefined, extension: string) {
    const target = resolve(
      app.makePath(),
      to ?? env.get('BACKUP_DIR') ?? app.makePath('storage/backups')
    )
    const isDirectory =
      !to ||
      to.endsWith('/') ||
      (await stat(target).then(
        (found) => found.isDirectory(),
        () => false
      ))
    if (!isDirectory) return target
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    return join(target, `beacon-${stamp}.${extension}`)
  }

  static async #sqlite(file: string): Promise<Backup> {
    const source = app.makePath(env.get('SQLITE_FILE', 'tmp/beacon.sqlite3'))
    const database = new Database(source, { readonly: true, fileMustExist: true })
    try {
      await database.backup(file)
    } finally {
      database.close()
    }
    return {
      file,
      connection: 'sqlite',
      restore: [
        'Stop Beacon (the web process and every worker).',
        `Copy the backup over the database: cp "${file}" "${source}"`,
        `Delete the write-ahead files beside it, if any: rm -f "${source}-wal" "${source}-shm"`,
        'Start Beacon again.',
      ],
    }
  }

  static async #postgres(file: string): Promise<Backup> {
    const database = env.get('PG_DB_NAME', 'beacon')
    try {
      await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, database], {
        env: { ...process.env, ...this.#postgresEnvironment() },
      })
    } catch (error) {
      // No half-written dump left to be mistaken for a backup.
      await rm(file, { force: true })
      throw error
    }
    return {
      file,
      connection: 'pg',
      restore: [
        'Stop Beacon (the web process and every worker).',
        `Restore it: pg_restore --clean --if-exists --no-owner --dbname=${database} "${file}"`,
        '(with the same PGHOST, PGPORT, PGUSER and PGPASSWORD as PG_HOST, PG_PORT, PG_USER and PG_PASSWORD in .env)',
        'Start Beacon again.',
      ],
    }
  }

  static #postgresEnvironment() {
    const password = env.get('PG_PASSWORD')
    return {
      PGHOST: env.get('PG_HOST', '127.0.0.1'),
      PGPORT: String(env.get('PG_PORT', 5432)),
      PGUSER: env.get('PG_USER', 'postgres'),
      ...(password ? { PGPASSWORD: password } : {}),
    }
  }
}
