import { spawn, type ChildProcess } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import beaconEnv from '#start/env'

export interface RunningProcess {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

/**
 * Starts a Beacon command (`node ace …` or the HTTP server) as its own
 * process, as an operator would, with the test environment plus overrides;
 * or, with `{ testEnvironment: false }`, with only the overrides (and PATH), so
 * that it takes its settings from the .env that ENV_PATH names.
 */
export function startBeaconProcess(
  args: string[],
  env: Record<string, string>,
  { cwd = app.makePath(), testEnvironment = true }: { cwd?: string; testEnvironment?: boolean } = {}
): RunningProcess {
  const base = testEnvironment
    ? { ...process.env, NODE_ENV: 'test' }
    : { PATH: process.env.PATH, HOME: process.env.HOME }
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

/** Asks the process to stop, and kills it if it has not within a few seconds. */
export async function stopBeaconProcess(running: RunningProcess, graceMs = 10_000) {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return
  running.child.kill('SIGTERM')
  const timer = setTimeout(() => running.child.kill('SIGKILL'), graceMs)
  await running.exited
  clearTimeout(timer)
}

/**
 * A production-like environment on the test services, spelled out in full:
 * outside NODE_ENV=test no .env.test is read (and a build holds no .env).
 */
export function productionTestEnvironment(overrides: Record<string, string> = {}) {
  return {
    NODE_ENV: 'production',
    PORT: String(beaconEnv.get('PORT')),
    HOST: '127.0.0.1',
    APP_URL: 'https://alerts.example.test',
    APP_KEY: 'a-production-like-key-for-tests-never-published-elsewhere',
    LOG_LEVEL: 'warn',
    SESSION_DRIVER: 'cookie',
    DB_CONNECTION: beaconEnv.get('DB_CONNECTION', 'sqlite'),
    SQLITE_FILE: app.makePath(beaconEnv.get('SQLITE_FILE', 'tmp/test.sqlite3')),
    PG_HOST: beaconEnv.get('PG_HOST', '127.0.0.1'),
    PG_PORT: String(beaconEnv.get('PG_PORT', 5432)),
    PG_USER: beaconEnv.get('PG_USER', 'postgres'),
    PG_DB_NAME: beaconEnv.get('PG_DB_NAME', 'beacon_test'),
    REDIS_HOST: beaconEnv.get('REDIS_HOST'),
    REDIS_PORT: String(beaconEnv.get('REDIS_PORT')),
    QUEUE_PREFIX: beaconEnv.get('QUEUE_PREFIX', 'beacon-test'),
    QUEUE_WORKER: 'off',
    SMTP_HOST: beaconEnv.get('SMTP_HOST', '127.0.0.1'),
    SMTP_PORT: String(beaconEnv.get('SMTP_PORT', 2526)),
    MAIL_FROM_ADDRESS: beaconEnv.get('MAIL_FROM_ADDRESS', 'alerts@beacon.test'),
    DEMO_DATA: 'false',
    ...overrides,
  }
}
