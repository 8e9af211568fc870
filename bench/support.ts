/*
| Shared by the benchmarks in bench/: the environment, booting the app the
| way bin/console.ts does, a fresh schema, the Lincolnshire areas, batched
| inserts, the residents, and figures from /proc. Nothing here is part of the
| application.
*/
import { spawn } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { loadavg } from 'node:os'
import type { ApplicationService } from '@adonisjs/core/types'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

export const APP_ROOT = new URL('../', import.meta.url)

/**
 * Where a benchmark keeps its data, from the environment so that two runs (or two people on
 * one machine) never share it: BENCH_PG_DB, BENCH_SQLITE_FILE, BENCH_QUEUE_PREFIX (Redis),
 * BENCH_SMTP_PORT (the sink; 0 lets the system choose). Each benchmark passes its own defaults.
 */
export function benchNames(defaults: { pgDatabase: string; sqliteFile: string }) {
  return {
    pgDatabase: process.env.BENCH_PG_DB || defaults.pgDatabase,
    sqliteFile: process.env.BENCH_SQLITE_FILE || defaults.sqliteFile,
    queuePrefix: process.env.BENCH_QUEUE_PREFIX || `beacon-bench-${process.pid}`,
    smtpPort: Number(process.env.BENCH_SMTP_PORT ?? 0),
  }
}
export type BenchNames = ReturnType<typeof benchNames>

export type DatabaseKind = 'sqlite' | 'pg'

export function databaseKind(value: string | undefined): DatabaseKind {
  const kind = value ?? 'sqlite'
  if (kind !== 'sqlite' && kind !== 'pg') {
    throw new Error(`--db must be sqlite or pg, not "${kind}"`)
  }
  return kind
}

export function positiveInteger(name: string, value: string | undefined, fallback: number) {
  if (value === undefined) return fallback
  const parsed = Number(value.replaceAll('_', '').replaceAll(',', ''))
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`--${name} must be a positive whole number, not "${value}"`)
  }
  return parsed
}

/**
 * The environment of the benchmark and of every process it starts. It must
 * be set before the app boots: NODE_ENV=test makes .env.test supply the
 * required variables in a fresh clone; the rest keeps the benchmark away from
 * the test suite's database, queue and ports.
 */
export function setBenchEnvironment(
  kind: DatabaseKind,
  names: BenchNames,
  extra: Record<string, string> = {}
) {
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DB_CONNECTION: kind,
    SQLITE_FILE: names.sqliteFile,
    PG_DB_NAME: names.pgDatabase,
    PG_APPLICATION_NAME: 'beacon-bench',
    QUEUE_PREFIX: names.queuePrefix,
    LOG_LEVEL: 'error',
    DEMO_DATA: 'false',
    QUEUE_WORKER: 'off',
    // No HTTP server is started; 0 keeps the test suite's port out of it all the same.
    PORT: '0',
    ...extra,
  })
}

/** Removes the SQLite file (and its WAL) before anything opens it. */
export async function removeSqliteFile() {
  const file = new URL(process.env.SQLITE_FILE!, APP_ROOT)
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    await rm(new URL(`${file.href}${suffix}`), { force: true })
  }
}

/** Boots the app in console mode through the Ignitor, as bin/console.ts does. */
export async function bootApp(): Promise<ApplicationService> {
  await import('reflect-metadata')
  const { Ignitor } = await import('@adonisjs/core')
  const importer = (filePath: string) => {
    if (filePath.startsWith('./') || filePath.startsWith('../')) {
      return import(new URL(filePath, APP_ROOT).href)
    }
    return import(filePath)
  }
  const ignitor = new Ignitor(APP_ROOT, { importer }).tap((application) => {
    application.booting(async () => {
      await import('#start/env')
    })
  })
  const app = ignitor.createApp('console')
  await app.init()
  await app.boot()
  await app.start(() => {})
  return app
}

/** A connection to the server's maintenance database, to create and drop the benchmark's. */
async function maintenanceClient() {
  const { default: pg } = await import('pg')
  const client = new pg.Client({
    host: process.env.PG_HOST ?? '127.0.0.1',
    port: Number(process.env.PG_PORT ?? 5432),
    user: process.env.PG_USER ?? 'postgres',
    password: process.env.PG_PASSWORD || undefined,
    database: 'postgres',
  })
  await client.connect()
  return client
}

const quotedName = (name: string) => `"${name.replaceAll('"', '')}"`

/** Creates the PostgreSQL database of the benchmark when it is missing. */
export async function ensurePostgresDatabase() {
  const client = await maintenanceClient()
  try {
    const name = process.env.PG_DB_NAME!
    const exists = await client.query('select 1 from pg_database where datname = $1', [name])
    if (exists.rowCount === 0) await client.query(`create database ${quotedName(name)}`)
  } finally {
    await client.end()
  }
}

/** Drops the benchmark's database (its workers must be gone; FORCE ends any straggling session). */
export async function dropPostgresDatabase(name: string) {
  const client = await maintenanceClient()
  try {
    await client.query(`drop database if exists ${quotedName(name)} with (force)`)
  } finally {
    await client.end()
  }
}

/**
 * Everything a benchmark may leave behind, looked for after its clean-up: the PostgreSQL
 * database, the SQLite file and its journal, Redis keys under its prefix. Prints the list
 * ("nothing" is the only right answer) and answers it.
 */
export async function reportLeftovers(names: BenchNames) {
  const left: string[] = []
  try {
    const client = await maintenanceClient()
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [
        names.pgDatabase,
      ])
      if (found.rowCount) left.push(`PostgreSQL database ${names.pgDatabase}`)
    } finally {
      await client.end()
    }
  } catch (error) {
    left.push(`(PostgreSQL not checked: ${(error as Error).message})`)
  }
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const file = new URL(`${names.sqliteFile}${suffix}`, APP_ROOT)
    const exists = await readFile(file).then(
      () => true,
      () => false
    )
    if (exists) left.push(`file ${names.sqliteFile}${suffix}`)
  }
  const keys = await redisKeys(names.queuePrefix)
  if (keys > 0) left.push(`${keys} Redis keys under ${names.queuePrefix}:`)
  console.log(`Left behind: ${left.length ? left.join(', ') : 'nothing'}`)
  return left
}

/** Removes what the benchmark made; reportLeftovers then checks it. */
export async function removeBenchData(names: BenchNames, kind: DatabaseKind) {
  if (kind === 'pg') await dropPostgresDatabase(names.pgDatabase)
  await removeSqliteFile()
  await removeRedisKeys(names.queuePrefix)
}

/** `node ace …` in a child process with the benchmark's environment; rejects on a non-zero exit. */
export function runAce(args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['ace', ...args], {
      cwd: APP_ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk.toString()))
    child.stderr.on('data', (chunk) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`node ace ${args.join(' ')} exited with ${code}:\n${output}`))
    )
  })
}

/** Every table dropped and the migrations run again. */
export async function freshSchema(kind: DatabaseKind) {
  if (kind === 'pg') await ensurePostgresDatabase()
  await runAce(['migration:fresh', '--force'])
}

export interface ImportedAreas {
  districts: { id: number; name: string }[]
  wards: { id: number; name: string; parentId: number }[]
}

/** The Lincolnshire districts and wards, imported as an admin would. */
export async function importLincolnshireAreas(): Promise<ImportedAreas> {
  const { default: app } = await import('@adonisjs/core/services/app')
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: AreaImport } = await import('#services/areas/area_import')
  await AreaImport.fromFiles([
    app.makePath('database/data/lincolnshire/districts.geojson'),
    app.makePath('database/data/lincolnshire/wards.geojson'),
  ])
  const rows = await db.from('areas').orderBy('id').select('id', 'name', 'level', 'parent_id')
  const districts = rows
    .filter((row) => row.level === 'district')
    .map((row) => ({ id: Number(row.id), name: row.name as string }))
  const wards = rows
    .filter((row) => row.level === 'ward' && row.parent_id)
    .map((row) => ({
      id: Number(row.id),
      name: row.name as string,
      parentId: Number(row.parent_id),
    }))
  if (districts.length === 0 || wards.length === 0) {
    throw new Error('The Lincolnshire areas were not imported')
  }
  return { districts, wards }
}

// Both SQLite (32,766) and PostgreSQL (65,535) cap the bound values of one statement.
const MAX_BOUND_VALUES = 30_000

/**
 * Inserts rows with multi-row VALUES statements, each as large as the
 * databases' limit on bound values allows. (Knex's own multiInsert writes
 * SQLite inserts as a UNION ALL, which SQLite caps at 500 rows.) Every row
 * must have the same keys as the first.
 */
export async function insertRows(
  client: QueryClientContract,
  table: string,
  rows: Record<string, unknown>[]
) {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0])
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_VALUES / columns.length))
  const columnList = columns.map((column) => `"${column}"`).join(', ')
  const placeholders = `(${columns.map(() => '?').join(', ')})`
  for (let start = 0; start < rows.length; start += perStatement) {
    const slice = rows.slice(start, start + perStatement)
    const bindings: unknown[] = []
    for (const row of slice) {
      for (const column of columns) bindings.push(row[column] ?? null)
    }
    const values = Array.from({ length: slice.length }, () => placeholders).join(', ')
    await client.rawQuery(
      `insert into "${table}" (${columnList}) values ${values}`,
      bindings as any[]
    )
  }
}

export interface ResidentSeed {
  kind: DatabaseKind
  /** Residents 1…count, each active, confirmed and consenting to the organisation. */
  count: number
  organisationId: number
  /** The areas resident `id` lives in (a ward and its district, say). */
  areasOf: (id: number) => number[]
  /** Their email address (verified), or null for a resident without one. */
  emailOf: (id: number) => string | null
  /** Residents per transaction. */
  batch?: number
  /** Called after each transaction with how many residents are in so far. */
  seeded?: (count: number) => void
}

/** The benchmarks' residents, written in large transactions; the id sequence follows them. */
export async function seedResidents(seed: ResidentSeed) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { sqlTime } = await import('#services/platform/infrastructure/sql_time')
  const now = sqlTime()
  const batch = seed.batch ?? 2500
  for (let first = 1; first <= seed.count; first += batch) {
    const last = Math.min(seed.count, first + batch - 1)
    const residents: Record<string, unknown>[] = []
    const residentAreas: Record<string, unknown>[] = []
    const consents: Record<string, unknown>[] = []
    for (let id = first; id <= last; id++) {
      const email = seed.emailOf(id)
      residents.push({
        id,
        email,
        name: `Resident ${id}`,
        language: 'en',
        priority_threshold: 1,
        status: 'active',
        source: 'import',
        email_verified_at: email ? now : null,
        confirmed_at: now,
        created_at: now,
        updated_at: now,
      })
      for (const areaId of seed.areasOf(id)) {
        residentAreas.push({ resident_id: id, area_id: areaId })
      }
      consents.push({ resident_id: id, organisation_id: seed.organisationId, granted_at: now })
    }
    await db.transaction(async (trx) => {
      await insertRows(trx, 'residents', residents)
      await insertRows(trx, 'resident_areas', residentAreas)
      await insertRows(trx, 'consents', consents)
    })
    seed.seeded?.(last)
  }
  await resetSequence(seed.kind, 'residents')
}

/** PostgreSQL's sequence follows ids that were inserted explicitly. */
export async function resetSequence(kind: DatabaseKind, table: string) {
  if (kind !== 'pg') return
  const { default: db } = await import('@adonisjs/lucid/services/db')
  await db.rawQuery(
    `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 1))`
  )
}

export async function analyze() {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  await db.rawQuery('ANALYZE')
}

export async function databaseVersion(kind: DatabaseKind) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  if (kind === 'sqlite') {
    const result = await db.rawQuery('select sqlite_version() as version')
    return `SQLite ${result[0].version}`
  }
  const result = await db.rawQuery('show server_version')
  return `PostgreSQL ${result.rows[0].server_version}`
}

/** A small deterministic generator (mulberry32), so two runs seed the same residents. */
export function seededRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

/** Reads a field (VmHWM, VmRSS…) of /proc/<pid>/status, in kB. */
export async function procStatusKb(pid: number, field: string) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const match = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))
  return match ? Number(match[1]) : null
}

/** User + system CPU seconds a process has used so far, from /proc/<pid>/stat. */
export async function procCpuSeconds(pid: number) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // The command name may hold spaces; the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticksPerSecond = 100
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond
  } catch {
    return null
  }
}

export function seconds(milliseconds: number) {
  return `${(milliseconds / 1000).toFixed(1)} s`
}

export function whole(value: number) {
  return Math.round(value).toLocaleString('en-GB')
}

export function megabytes(kilobytes: number | null) {
  return kilobytes === null ? 'n/a' : `${(kilobytes / 1024).toFixed(0)} MB`
}

export function loadAverage() {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')
}

/** Prints aligned label/value rows. */
export function printTable(title: string, rows: [string, string][]) {
  const width = Math.max(...rows.map(([label]) => label.length))
  console.log(`\n${title}`)
  console.log('-'.repeat(Math.max(title.length, width + 20)))
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`)
  console.log('')
}

export function log(message: string) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

/** How many keys Redis holds under the prefix. */
async function redisKeys(prefix: string) {
  return scanRedis(prefix, false)
}

/** Removes the benchmark's keys from Redis: every key Beacon writes is under its prefix. */
export async function removeRedisKeys(prefix: string) {
  return scanRedis(prefix, true)
}

async function scanRedis(prefix: string, remove: boolean) {
  const { Redis } = await import('ioredis')
  const redis = new Redis({
    host: process.env.REDIS_HOST ?? '127.0.0.1',
    port: Number(process.env.REDIS_PORT ?? 6379),
    password: process.env.REDIS_PASSWORD || undefined,
  })
  let removed = 0
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
      cursor = next
      if (keys.length) removed += remove ? await redis.del(...keys) : keys.length
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
  return removed
}

/** PostgreSQL only: whether autovacuum (and so its ANALYZE of growing tables) is off on the server. */
export async function autovacuumIsOff(kind: DatabaseKind) {
  if (kind !== 'pg') return false
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const result = await db.rawQuery('show autovacuum')
  return result.rows[0].autovacuum === 'off'
}

/** CPU seconds of every process whose command line matches, by pid. */
export async function cpuOfProcesses(matches: (commandLine: string) => boolean) {
  const { readdir } = await import('node:fs/promises')
  const usage = new Map<number, number>()
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const raw = await readFile(`/proc/${entry}/cmdline`, 'utf8')
      if (!matches(raw.replaceAll('\0', ' '))) continue
      const used = await procCpuSeconds(Number(entry))
      if (used !== null) usage.set(Number(entry), used)
    } catch {
      // The process ended while we looked.
    }
  }
  return usage
}

/** CPU used between two readings of cpuOfProcesses (a process that ended in between is lost). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>) {
  let total = 0
  for (const [pid, used] of after) total += used - (before.get(pid) ?? 0)
  return total
}

/**
 * Bulk inserts for seeding SQLite through a connection of the benchmark's own, with each
 * statement prepared once and run again for every batch. Preparing a new multi-row insert
 * for every batch, as a query builder does, leaves native memory behind in better-sqlite3
 * even once collected (200+ MB per 100,000 residents: 2.7 GB at 1M); reused, it stays flat.
 */
export class SqliteSeeder {
  #database: import('better-sqlite3').Database
  #statements = new Map<string, import('better-sqlite3').Statement>()

  static async open(file: string) {
    const { default: Database } = await import('better-sqlite3')
    const database = new Database(new URL(file, APP_ROOT).pathname)
    database.pragma('journal_mode = WAL')
    database.pragma('busy_timeout = 5000')
    return new SqliteSeeder(database)
  }

  constructor(database: import('better-sqlite3').Database) {
    this.#database = database
  }

  /** Runs `work` (synchronous inserts) in one transaction. */
  batch(work: () => void) {
    this.#database.transaction(work)()
  }

  insert(table: string, rows: Record<string, unknown>[]) {
    if (rows.length === 0) return
    const columns = Object.keys(rows[0])
    const perStatement = Math.max(1, Math.floor(MAX_BOUND_VALUES / columns.length))
    for (let start = 0; start < rows.length; start += perStatement) {
      const slice = rows.slice(start, start + perStatement)
      const bindings: unknown[] = []
      for (const row of slice) {
        for (const column of columns) {
          const value = row[column] ?? null
          bindings.push(typeof value === 'boolean' ? Number(value) : value)
        }
      }
      this.#statement(table, columns, slice.length).run(bindings)
    }
  }

  #statement(table: string, columns: string[], rows: number) {
    const key = `${table}|${columns.join(',')}|${rows}`
    let statement = this.#statements.get(key)
    if (!statement) {
      const placeholders = `(${columns.map(() => '?').join(', ')})`
      statement = this.#database.prepare(
        `insert into "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) values ${Array.from({ length: rows }, () => placeholders).join(', ')}`
      )
      this.#statements.set(key, statement)
    }
    return statement
  }

  close() {
    this.#statements.clear()
    this.#database.close()
  }
}

/**
 * Runs `cleanUp` before the process ends on Ctrl-C or a kill (SIGINT, SIGTERM), so that a
 * stopped run leaves nothing behind either; the exit code says it was stopped.
 */
export function cleanUpOnSignal(cleanUp: () => Promise<void>) {
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    // The run itself carries on until the exit and fails as its processes go: nothing it
    // throws from now on may end the process before the clean-up has.
    process.on('uncaughtException', () => {})
    process.on('unhandledRejection', () => {})
    log(`${signal}: removing the benchmark's data before stopping`)
    cleanUp()
      .catch((error) => console.error(`Clean-up failed: ${(error as Error).message}`))
      .finally(() => process.exit(130))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
