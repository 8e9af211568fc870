import { hostname } from 'node:os'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import { redisKey } from '#services/platform/infrastructure/redis_keys'

const BEAT_EVERY_MS = 15_000
// A worker that has missed a few beats (stopped, crashed, lost Redis) is no longer counted.
const FORGOTTEN_AFTER_SECONDS = 60

export interface WorkerBeat {
  host: string
  pid: number
  startedAt: string
}

/**
 * Each queue worker (embedded in the web process or `node ace queue:work`)
 * keeps a key alive in Redis under the install's prefix, so that
 * `node ace beacon:doctor` can tell whether anything is processing the queue.
 */
class WorkerHeartbeat {
  #timer: NodeJS.Timeout | null = null
  #key = redisKey('worker-heartbeat', `${hostname()}:${process.pid}`)

  async start() {
    if (this.#timer) return
    const beat: WorkerBeat = {
      host: hostname(),
      pid: process.pid,
      startedAt: new Date().toISOString(),
    }
    const write = () => redis.set(this.#key, JSON.stringify(beat), 'EX', FORGOTTEN_AFTER_SECONDS)
    await write()
    this.#timer = setInterval(() => {
      write().catch((error) => logger.warn({ err: error }, 'worker heartbeat not written'))
    }, BEAT_EVERY_MS)
    this.#timer.unref()
  }

  async stop() {
    if (!this.#timer) return
    clearInterval(this.#timer)
    this.#timer = null
    await redis.del(this.#key).catch(() => {})
  }

  /** The workers that have beaten in the last minute. */
  async alive(): Promise<WorkerBeat[]> {
    const beats: WorkerBeat[] = []
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        redisKey('worker-heartbeat', '*'),
        'COUNT',
        100
      )
      cursor = next
      for (const value of keys.length ? await redis.mget(keys) : []) {
        if (value) beats.push(JSON.parse(value) as WorkerBeat)
      }
    } while (cursor !== '0')
    return beats
  }
}

const workerHeartbeat = new WorkerHeartbeat()
export default workerHeartbeat
