import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { redisAnswers } from '#services/platform/infrastructure/redis_probe'

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${what} within ${timeoutMs} ms`)
}

/**
 * A Redis server of the test's own, on a free port, that the test may kill
 * and start again without touching the Redis every other test uses.
 */
export class DisposableRedis {
  #process: ChildProcess | null = null
  port = 0

  async start() {
    if (!this.port) this.port = await freePort()
    this.#process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' }
    )
    await waitUntil(() => redisAnswers('127.0.0.1', this.port), 10_000, 'Redis did not start')
  }

  /** Kills the server without letting it save anything: every queued job is lost. */
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
