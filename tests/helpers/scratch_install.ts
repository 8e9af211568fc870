import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import knex, { type Knex } from 'knex'
import env from '#start/env'
import { startBeaconProcess } from '#tests/helpers/child_process'
import { withPostgresServer } from '#tests/helpers/services'

/*
| A scratch install for `node ace beacon:setup` as an operator runs it: a
| folder for its .env and a database of the kind this run tests (a SQLite
| file, or a PostgreSQL database of its own), removed afterwards.
*/

const SCRATCH_PG_DATABASE = `${env.get('PG_DB_NAME', 'beacon_test')}_setup`

export interface Scratch {
  folder: string
  flags: string[]
  connect: () => Knex
  remove: () => Promise<void>
}

export async function scratchInstall(): Promise<Scratch> {
  const folder = mkdtempSync(join(tmpdir(), 'beacon-setup-'))
  if (env.get('DB_CONNECTION', 'sqlite') === 'sqlite') {
    const file = join(folder, 'beacon.sqlite3')
    return {
      folder,
      flags: ['--database=sqlite', `--sqlite-file=${file}`],
      connect: () =>
        knex({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true }),
      remove: async () => rmSync(folder, { recursive: true, force: true }),
    }
  }
  const connection = {
    host: env.get('PG_HOST', '127.0.0.1'),
    port: env.get('PG_PORT', 5432),
    user: env.get('PG_USER', 'postgres'),
    password: env.get('PG_PASSWORD') ?? '',
    database: SCRATCH_PG_DATABASE,
  }
  await withPostgresServer(async (client) => {
    await client.query(`drop database if exists "${SCRATCH_PG_DATABASE}" with (force)`)
    await client.query(`create database "${SCRATCH_PG_DATABASE}"`)
  })
  return {
    folder,
    flags: [
      '--database=pg',
      `--pg-host=${connection.host}`,
      `--pg-port=${connection.port}`,
      `--pg-user=${connection.user}`,
      ...(connection.password ? [`--pg-password=${connection.password}`] : []),
      `--pg-database=${connection.database}`,
    ],
    connect: () => knex({ client: 'pg', connection }),
    remove: async () => {
      rmSync(folder, { recursive: true, force: true })
      await withPostgresServer((client) =>
        client.query(`drop database if exists "${SCRATCH_PG_DATABASE}" with (force)`)
      )
    },
  }
}

/** The answers of a script, for the env folder given, without the database's. */
export function answerFlags(envDir: string, port: number, overrides: Record<string, string> = {}) {
  const answers: Record<string, string> = {
    'service-name': 'Kent Community Alert',
    'organisation-name': 'Kent Police',
    'organisation-type': 'police',
    'admin-name': 'Ada Admin',
    'admin-email': 'Ada.Admin@Kent.example.org',
    'app-url': `http://localhost:${port}`,
    'port': String(port),
    'env-dir': envDir,
    ...overrides,
  }
  return [
    'ace',
    'beacon:setup',
    '--no-interaction',
    ...Object.entries(answers).map(([flag, value]) => `--${flag}=${value}`),
  ]
}

/**
 * Runs a Beacon command or server of the scratch install: it reads the
 * install's own .env and nothing of the test run's, as on a real machine.
 */
export function startScratchProcess(
  folder: string,
  args: string[],
  extra: Record<string, string> = {}
) {
  return startBeaconProcess(args, { ENV_PATH: folder, ...extra }, { testEnvironment: false })
}
