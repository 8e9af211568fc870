import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { pluginMigrationPaths } from '#services/platform/plugins/plugin_migrations'

/*
| Schema classes are not generated: migrations run on SQLite and PostgreSQL
| alike, and the models declare their columns themselves.
*/
const migrations = {
  naturalSort: true,
  paths: ['database/migrations', ...pluginMigrationPaths(app.makePath())],
}

// A fresh clone has no tmp/ yet, and SQLite will not create the folder of its file.
const sqliteFile = app.makePath(env.get('SQLITE_FILE', 'tmp/beacon.sqlite3'))
mkdirSync(dirname(sqliteFile), { recursive: true })
const schemaGeneration = { enabled: false }

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION', 'sqlite'),
  prettyPrintDebugQueries: true,
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      connection: {
        filename: sqliteFile,
      },
      useNullAsDefault: true,
      migrations,
      schemaGeneration,
      pool: {
        afterCreate: (connection: any, done: (error: Error | null, connection: any) => void) => {
          // WAL lets the worker write deliveries while the web process reads progress.
          connection.pragma('journal_mode = WAL')
          connection.pragma('busy_timeout = 5000')
          connection.pragma('foreign_keys = ON')
          // Deleted rows are overwritten, not left in free pages: erasure must really erase.
          connection.pragma('secure_delete = ON')
          // ANALYZE samples about this many rows per index instead of reading whole tables.
          connection.pragma('analysis_limit = 1000')
          done(null, connection)
        },
      },
    },
    pg: {
      client: 'pg',
      connection: {
        host: env.get('PG_HOST', '127.0.0.1'),
        port: env.get('PG_PORT', 5432),
        user: env.get('PG_USER', 'postgres'),
        password: env.get('PG_PASSWORD'),
        database: env.get('PG_DB_NAME', 'beacon'),
      },
      pool: {
        // Tells the processes apart in pg_stat_activity (web, workers).
        afterCreate: (connection: any, done: (error: Error | null, connection: any) => void) => {
          const name = env.get('PG_APPLICATION_NAME', 'beacon').replace(/[^\w-]/g, '')
          connection.query(`SET application_name = '${name}'`, (error: Error | null) =>
            done(error, connection)
          )
        },
      },
      migrations,
      schemaGeneration,
    },
  },
})

export default dbConfig
