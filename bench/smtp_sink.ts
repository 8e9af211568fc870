/*
| The benchmarks' SMTP sink (smtp_sink_process.ts) seen from the parent: a
| child process of its own, so that its CPU is not the measured process's.
*/
import { fork, type ChildProcess } from 'node:child_process'

/** The SMTP sink in its own process, asked for its count over IPC. */
export class SinkProcess {
  constructor(readonly options: { latencyMs: number; port: number }) {}

  child!: ChildProcess
  port = 0
  #waiting = new Map<string, ((reply: any) => void)[]>()

  async start() {
    const args = [
      '--latency-ms',
      String(this.options.latencyMs),
      '--port',
      String(this.options.port),
    ]
    this.child = fork(new URL('./smtp_sink_process.ts', import.meta.url), args, {
      execArgv: ['--import', '@poppinss/ts-exec'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (reply: { type: string }) => {
      const resolve = this.#waiting.get(reply.type)?.shift()
      resolve?.(reply)
    })
    const ready = await this.#expect<{ port: number }>('ready', 30_000)
    this.port = ready.port
  }

  #expect<T>(type: string, timeoutMs = 10_000) {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The SMTP sink did not answer "${type}"`)),
        timeoutMs
      )
      const list = this.#waiting.get(type) ?? []
      list.push((reply) => {
        clearTimeout(timer)
        resolve(reply)
      })
      this.#waiting.set(type, list)
    })
  }

  async count() {
    const reply = this.#expect<{ accepted: number; recipients: number }>('count')
    this.child.send({ type: 'count' })
    return reply
  }

  async reset() {
    const reply = this.#expect('reset')
    this.child.send({ type: 'reset' })
    await reply
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
