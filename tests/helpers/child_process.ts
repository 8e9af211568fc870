import { spawn, type ChildProcess } from 'node:child_process'
import app from '@adonisjs/core/services/app'

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
  { testEnvironment = true } = {}
): RunningProcess {
  const base = testEnvironment
    ? { ...process.env, NODE_ENV: 'test' }
    : { PATH: process.env.PATH, HOME: process.env.HOME }
  const child = spawn(process.execPath, args, {
    cwd: app.makePath(),
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
