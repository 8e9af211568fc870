import { randomUUID } from 'node:crypto'
import { setTimeout as wait } from 'node:timers/promises'
import redis from '@adonisjs/redis/services/main'

// Deletes the lock only if it is still ours: it may have expired and been taken by another process.
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`
const EXTEND_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`
const RETRY_EVERY_MS = 20

/**
 * A lock shared by every process on the same Redis, held for at most
 * `ttlMs` so that a process that dies cannot hold it for ever.
 */
export default class RedisLock {
  #released = false

  private constructor(
    readonly key: string,
    readonly token: string
  ) {}

  /** Returns the lock, or null when another process still holds it after `waitMs`. */
  static async acquire(key: string, options: { ttlMs: number; waitMs?: number }) {
    const token = randomUUID()
    const deadline = Date.now() + (options.waitMs ?? 0)
    while (true) {
      if (await redis.set(key, token, 'PX', options.ttlMs, 'NX')) return new RedisLock(key, token)
      if (Date.now() >= deadline) return null
      await wait(RETRY_EVERY_MS)
    }
  }

  /** Runs `work` under the lock, or returns null without running it when the lock stays taken. */
  static async run<T>(
    key: string,
    options: { ttlMs: number; waitMs?: number },
    work: (lock: RedisLock) => Promise<T>
  ): Promise<{ value: T } | null> {
    const lock = await this.acquire(key, options)
    if (!lock) return null
    try {
      return { value: await work(lock) }
    } finally {
      await lock.release()
    }
  }

  /** Keeps a long piece of work's lock from expiring under it; false when it was lost already. */
  async extend(ttlMs: number) {
    if (this.#released) return false
    return Number(await redis.eval(EXTEND_SCRIPT, 1, this.key, this.token, ttlMs)) === 1
  }

  async release() {
    if (this.#released) return
    this.#released = true
    await redis.eval(RELEASE_SCRIPT, 1, this.key, this.token)
  }
}
