/*
| Several web processes on one port (WEB_PROCESSES): Node's cluster. The
| primary only forks and watches; each worker boots Beacon as usual. The
| embedded queue worker (QUEUE_WORKER=embedded) runs in web process 1 only,
| which is told so by BEACON_WEB_PROCESS; a web process that dies is started
| again with the same number, so the queue worker comes back with it.
*/
import cluster, { type Worker } from 'node:cluster'
import { existsSync, readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'

/** How long the web processes have to finish their requests in flight when asked to stop. */
const STOP_GRACE_MS = 20_000

/** WEB_PROCESSES from the environment, else from the .env file Beacon itself would read. */
export function webProcessCount(appRoot: URL) {
  let value = process.env.WEB_PROCESSES
  if (value === undefined) {
    const file = new URL(
      '.env',
      process.env.ENV_PATH ? new URL(`file://${process.env.ENV_PATH}/`) : appRoot
    )
    if (existsSync(file)) value = parseEnv(readFileSync(file, 'utf8')).WEB_PROCESSES
  }
  if (value === undefined || value === '') return 1
  const count = Number(value)
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    console.error(`WEB_PROCESSES must be a whole number from 1 to 64, not "${value}".`)
    process.exit(1)
  }
  return count
}

/** True in the process that should boot Beacon (a worker, or the only process). */
export function runWebProcesses(count: number) {
  if (count <= 1 || !cluster.isPrimary) return true

  const numbers = new Map<Worker, number>()
  const listening = new Set<Worker>()
  let stopping = false
  const start = (number: number) => {
    const worker = cluster.fork({ BEACON_WEB_PROCESS: String(number) })
    numbers.set(worker, number)
    worker.once('listening', () => listening.add(worker))
  }
  for (let number = 1; number <= count; number++) start(number)

  cluster.on('exit', (worker, code, signal) => {
    const number = numbers.get(worker)
    const started = listening.delete(worker)
    numbers.delete(worker)
    if (!stopping && number !== undefined && !started) {
      // It never served (a wrong setting, Redis unreachable): it would fail again, so stop, as one process would.
      console.error(`Web process ${number} could not start; stopping the others.`)
      stopping = true
      process.exitCode = code || 1
      for (const other of numbers.keys()) other.process.kill('SIGTERM')
    } else if (!stopping && number !== undefined) {
      console.error(`Web process ${number} ended (${signal ?? code}); starting it again.`)
      start(number)
      return
    }
    if (numbers.size === 0) process.exit()
  })

  const stop = () => {
    stopping = true
    for (const worker of numbers.keys()) worker.process.kill('SIGTERM')
    if (numbers.size === 0) process.exit()
    // Each finishes its requests in flight; one that has not stopped by then is made to.
    setTimeout(() => {
      for (const worker of numbers.keys()) worker.process.kill('SIGKILL')
      process.exit()
    }, STOP_GRACE_MS).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  return false
}
