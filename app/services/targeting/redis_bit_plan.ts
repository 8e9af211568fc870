import { randomUUID } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'

/**
 * Set arithmetic on Redis bitmaps, sent as one MULTI so that it sees one
 * state of the bitmaps. Intermediate results live in scratch keys that are
 * deleted in the same MULTI. A missing key is the empty set.
 */
export default class RedisBitPlan {
  #transaction = redis.multi()
  #commands = 0
  #scratch: string[] = []
  #scratchPrefix: string

  constructor(scratchPrefix: string) {
    this.#scratchPrefix = `${scratchPrefix}:${randomUUID()}`
  }

  #next() {
    const key = `${this.#scratchPrefix}:${this.#scratch.length}`
    this.#scratch.push(key)
    return key
  }

  /** Members of any of the sets (none: the empty set). */
  union(keys: string[]) {
    const result = this.#next()
    if (keys.length) {
      this.#transaction.bitop('OR', result, ...keys)
      this.#commands++
    }
    return result
  }

  /** Members of every one of the sets. */
  intersection(keys: string[]) {
    const result = this.#next()
    this.#transaction.bitop('AND', result, ...keys)
    this.#commands++
    return result
  }

  /**
   * Members of `from` that are not in `minus`, as from XOR (from AND minus):
   * BITOP NOT would also clear the ids past the end of a shorter bitmap.
   */
  difference(from: string, minus: string) {
    const common = this.intersection([from, minus])
    const result = this.#next()
    this.#transaction.bitop('XOR', result, from, common)
    this.#commands++
    return result
  }

  /** Queues a count of the set's members; its value is at the returned position of run()'s result. */
  count(key: string) {
    this.#transaction.bitcount(key)
    return this.#commands++
  }

  async run(): Promise<number[]> {
    if (this.#scratch.length) this.#transaction.del(...this.#scratch)
    const replies = (await this.#transaction.exec()) ?? []
    const failed = replies.find(([error]) => error)
    if (failed) throw failed[0]
    return replies.map(([, value]) => Number(value))
  }
}
