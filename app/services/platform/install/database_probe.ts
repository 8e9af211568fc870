import { accessSync, constants, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import pg from 'pg'
import type { PostgresDatabase, SqliteDatabase } from '#services/platform/install/setup_answers'

/**
 * Checks, before anything is written, that the database setup was given can
 * be used, and says in plain English what is wrong when it cannot.
 */
export default class DatabaseProbe {
  /** Null when usable, or what is wrong. `file` is resolved by the caller. */
  static async problemWith(
    database: SqliteDatabase | PostgresDatabase,
    sqlitePath: string
  ): Promise<string | null> {
    return database.connection === 'sqlite'
      ? DatabaseProbe.#sqlite(sqlitePath)
      : DatabaseProbe.#postgres(database)
  }

  static #sqlite(path: string) {
    const folder = dirname(path)
    try {
      mkdirSync(folder, { recursive: true })
      accessSync(folder, constants.W_OK)
      return null
    } catch {
      return `Cannot write the SQLite database in ${folder}: choose a folder this user may write to.`
    }
  }

  static async #postgres(database: PostgresDatabase) {
    const client = new pg.Client({
      host: database.host,
      port: database.port,
      user: database.user,
      password: database.password,
      database: database.database,
      connectionTimeoutMillis: 5000,
    })
    const where = `${database.host}:${database.port}`
    try {
      await client.connect()
      await client.query('select 1')
      return null
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string }
      switch (code) {
        case 'ECONNREFUSED':
          return `Nothing answers at ${where}: check that PostgreSQL is running there and the port is right.`
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
          return `The PostgreSQL host ${database.host} is not known: check its name.`
        case '28P01':
        case '28000':
          return `PostgreSQL at ${where} refused the user name or password for "${database.user}".`
        case '3D000':
          return `The database "${database.database}" does not exist at ${where}: create it (createdb ${database.database}) and run this again.`
        default:
          return `Cannot use PostgreSQL at ${where}: ${message ?? 'no answer'}.`
      }
    } finally {
      await client.end().catch(() => {})
    }
  }
}
