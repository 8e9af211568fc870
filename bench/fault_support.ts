/*
| What bench/faults.ts runs besides Beacon: the fault sink in its own process,
| a Redis server of the benchmark's own (it is killed and started again, so it
| must never be the one everything else uses), and Beacon's queue workers.
| Nothing here is part of the application.
*/
import { fork, spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { APP_ROOT } from './support.ts'

export function sleep(milliseconds: number) {
  return new Promise((resolve) => setTimeout(resolve, milliseconds))
}

/** A port nothing listens on, or the one the environment names. */
export async function portFrom(variable: string) {
  const given = process.env[variable]
  if (given) return Number(given)
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface SinkCount {
  accepted: number
  reached: number
  duplicated: number
  /** Recipients refused with a 5xx and never accepted: they are not expected to get the alert. */
  refusedForGood: number
  refusedForNow: number
  /** Mails whose data arrived and that are not yet answered. */
  receiving: number
  kills: number
}

export interface SinkFaults {
  killAt?: { accepted: number; pids: number[] } | null
  refusals?: { probability: number; codes: number[]; seed: number } | null
  busy?: number
  delayMs?: number
}

/** bench/fault_sink_process.ts, spoken to over IPC. */
export class FaultSink {
  child!: ChildProcess
  port = 0
  #waiting = new Map<string, ((reply: any) => void)[]>()

  async start() {
    this.child = fork(new URL('./fault_sink_process.ts', import.meta.url), [], {
      execArgv: ['--import', '@poppinss/ts-exec'],
      env: { ...process.env, BENCH_FAULT_SMTP_PORT: String(await portFrom('BENCH_SMTP_PORT')) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (reply: { type: string }) => {
      this.#waiting.get(reply.type)?.shift()?.(reply)
    })
    const ready = await this.#ask<{ port: number }>({ type: 'ready' }, false)
    this.port = ready.port
  }

  #ask<T>(message: Record<string, unknown>, send = true) {
    const type = message.type as string
    const answer = new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The fault sink did not answer "${type}"`)),
        30_000
      )
      const list = this.#waiting.get(type) ?? []
      list.push((reply) => {
        clearTimeout(timer)
        resolve(reply)
      })
      this.#waiting.set(type, list)
    })
    if (send) this.child.send(message)
    return answer
  }

  faults(faults: SinkFaults) {
    return this.#ask({ type: 'faults', ...faults })
  }

  reset() {
    return this.#ask({ type: 'reset' })
  }

  count(alertId: number) {
    return this.#ask<SinkCount>({ type: 'count', alertId })
  }

  async stop() {
    if (!this.child || this.child.exitCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    if (this.child.connected) this.child.send({ type: 'stop' })
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
}

/** A Redis server of the benchmark's own, saving nothing: killing it loses every queued job. */
export class OwnRedis {
  #process: ChildProcess | null = null
  port = 0

  async start() {
    if (!this.port) this.port = await portFrom('BENCH_REDIS_PORT')
    this.#process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' }
    )
    const until = Date.now() + 10_000
    while (!(await this.#answers())) {
      if (Date.now() > until) throw new Error(`redis-server did not start on port ${this.port}`)
      await sleep(50)
    }
  }

  #answers() {
    return new Promise<boolean>((resolve) => {
      const socket = net.connect(this.port, '127.0.0.1')
      socket.once('connect', () => socket.write('PING\r\n'))
      socket.once('data', (data) => {
        socket.destroy()
        resolve(data.toString().startsWith('+PONG'))
      })
      socket.once('error', () => resolve(false))
    })
  }

  async kill() {
    const child = this.#process
    if (!child) return
    this.#process = null
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }

  async restart() {
    await this.kill()
    await this.start()
  }
}

const WORKER_READY = 'Beacon worker is processing'

/** `node ace queue:work`, with the benchmark's environment and these overrides. */
export class BenchWorker {
  child: ChildProcess
  exited: Promise<number | null>
  #output = ''

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['ace', 'queue:work'], {
      cwd: APP_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const keep = (chunk: Buffer) => {
      if (this.#output.length < 100_000) this.#output += chunk.toString()
    }
    this.child.stdout!.on('data', keep)
    this.child.stderr!.on('data', keep)
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)))
  }

  get alive() {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  async processing() {
    const until = Date.now() + 120_000
    while (!this.#output.includes(WORKER_READY)) {
      if (!this.alive) throw new Error(`A worker exited before processing:\n${this.#output}`)
      if (Date.now() > until) throw new Error(`A worker did not start:\n${this.#output}`)
      await sleep(50)
    }
  }

  async kill() {
    if (!this.alive) return
    this.child.kill('SIGKILL')
    await this.exited
  }
}
