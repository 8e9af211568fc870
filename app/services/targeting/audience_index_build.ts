import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type RedisLock from '#services/platform/infrastructure/redis_lock'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import AudienceFacts, { REPORTED_DEMOGRAPHIC_COLUMNS } from '#services/targeting/audience_facts'
import AudienceIndexStore, { audienceIndexTuning } from '#services/targeting/audience_index_store'
import { isPostgres } from '#services/platform/infrastructure/sql_dialect'

const REBUILD_LOCK_TTL_MS = 5 * 60_000
// Counts that started on a generation just replaced may still read it for this long.
const RETIRED_GENERATION_TTL_MS = 60_000

/**
 * Builds every bitmap of the audience index again from the database, under
 * a new generation that replaces the current one only once complete. The
 * caller holds the index's lock.
 */
export default class AudienceIndexBuild {
  static lockTtlMs = REBUILD_LOCK_TTL_MS

  static async run(lock: RedisLock) {
    const generation = randomUUID()
    const started = Date.now()
    try {
      await this.#withSnapshot(async (client) => {
        const lastChange = await client.from('audience_changes').max('id as id').first()
        await this.#writeAll(client, lock, generation)
        await client
          .from('audience_changes')
          .where('id', '<=', Number(lastChange?.id ?? 0))
          .delete()
        await client.from('audience_index').delete()
        await client.table('audience_index').insert({ generation, built_at: sqlTime() })
      })
    } catch (error) {
      await AudienceIndexStore.retire(generation, 0)
      throw error
    }
    const previous = await redis.getset(AudienceIndexStore.currentKey(), generation)
    if (previous && previous !== generation) {
      await AudienceIndexStore.retire(previous, RETIRED_GENERATION_TTL_MS)
    }
    logger.info({ generation, ms: Date.now() - started }, 'audience index built')
    await AudienceIndexStore.vacuum()
  }

  /**
   * PostgreSQL reads everything and deletes the changes it has seen in one
   * snapshot: a change committed meanwhile stays for the next sync. SQLite
   * has one writer at a time, so every change committed after the first
   * read has a higher id than the last one seen then.
   */
  static async #withSnapshot(work: (client: QueryClientContract) => Promise<void>) {
    if (isPostgres()) {
      return db.transaction(work, { isolationLevel: 'repeatable read' })
    }
    return work(db.connection())
  }

  /**
   * Writes a generation's bitmaps page by page: each page of ids is a slice of
   * every bitmap, set with SETRANGE. Pages start on a multiple of 8 ids, so
   * that no two share a byte, and the process holds one page of bits at a
   * time whatever the size of the register.
   */
  static async #writeAll(client: QueryClientContract, lock: RedisLock, generation: string) {
    const range = await client.from('residents').min('id as low').max('id as high').first()
    const high = Number(range?.high ?? 0)
    const registry = AudienceIndexStore.registry(generation)
    const width = audienceIndexTuning.rebuildPage
    for (let from = Number(range?.low ?? 0) & ~7; high > 0 && from <= high; from += width) {
      const page = new Map<string, Uint8Array>()
      await AudienceFacts.read(client, { from, to: from + width - 1 }, (id, fact) => {
        let bits = page.get(fact)
        if (!bits) page.set(fact, (bits = new Uint8Array(width / 8)))
        // Redis numbers a bitmap's bits from the most significant bit of its first byte.
        const offset = id - from
        bits[offset >> 3] |= 0x80 >> (offset & 7)
      })
      if (page.size > 0) {
        const pipeline = redis.pipeline()
        for (const [fact, bits] of page) {
          pipeline.setrange(
            AudienceIndexStore.key(generation, fact),
            from >> 3,
            Buffer.from(bits.buffer)
          )
        }
        pipeline.sadd(registry, ...page.keys())
        await AudienceIndexStore.execute(pipeline)
      }
      if (!(await lock.extend(REBUILD_LOCK_TTL_MS))) {
        throw new Error(
          'The audience index lock expired during a rebuild; it will be rebuilt again'
        )
      }
    }
    // Redis grew each string greedily (up to twice its size) as pages were appended: a BITOP
    // stores an exact copy. At 1M residents, 26 MB instead of 39.
    const compact = redis.pipeline()
    for (const fact of await redis.smembers(registry)) {
      const key = AudienceIndexStore.key(generation, fact)
      compact.bitop('OR', key, key)
    }
    await AudienceIndexStore.execute(compact)
    await redis.sadd(AudienceIndexStore.holdsKey(generation), ...REPORTED_DEMOGRAPHIC_COLUMNS)
  }
}
