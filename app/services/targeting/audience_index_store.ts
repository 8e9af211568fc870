import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import type { ChainableCommander } from 'ioredis'
import { redisKey } from '#services/platform/infrastructure/redis_keys'

// The change log is vacuumed (PostgreSQL) once this many of its rows have been deleted.
const VACUUM_AFTER_ROWS = 10_000

/** Knobs the tests turn; AudienceIndex.tuning is this object. */
export const audienceIndexTuning = {
  // Setting each changed resident's bit in every bitmap is one command per pair; past this, masks are cheaper.
  directWritesLimit: 50_000,
  // A count waits this long for another process's sync or rebuild before SQL answers instead.
  lockWaitMs: 3_000,
  // A rebuild reads residents in ranges of ids this wide: a multiple of 8 (see AudienceIndexBuild).
  rebuildPage: 10_000,
}

/**
 * Where the audience index keeps its bitmaps in Redis: one key per fact and
 * generation, a set naming every fact a generation has (its registry), and
 * the current generation's name.
 */
export default class AudienceIndexStore {
  static prefix() {
    return redisKey('audience')
  }

  static key(generation: string, fact: string) {
    return `${this.prefix()}:${generation}:${fact}`
  }

  static registry(generation: string) {
    return `${this.prefix()}:${generation}:facts`
  }

  /** The columns of REPORTED_DEMOGRAPHIC_COLUMNS a generation was built with (audience_facts.ts). */
  static holdsKey(generation: string) {
    return `${this.prefix()}:${generation}:holds`
  }

  static currentKey() {
    return `${this.prefix()}:current`
  }

  /** The generation Redis holds, if it is the one the database says matches it. */
  static async currentGeneration() {
    const [row, current] = await Promise.all([
      db.from('audience_index').orderBy('id', 'desc').select('generation').first(),
      redis.get(this.currentKey()),
    ])
    return row && current === row.generation ? current : null
  }

  /** Deletes a generation's bitmaps, at once or after the counts still reading them are done. */
  static async retire(generation: string, afterMs: number) {
    const registry = this.registry(generation)
    const known = await redis.smembers(registry)
    const keys = [
      registry,
      this.holdsKey(generation),
      ...known.map((fact) => this.key(generation, fact)),
    ]
    const pipeline = redis.pipeline()
    for (const key of keys) {
      if (afterMs > 0) pipeline.pexpire(key, afterMs)
      else pipeline.del(key)
    }
    await pipeline.exec()
  }

  /** Sends a pipeline or MULTI, and throws the first error any of its commands met. */
  static async execute(commands: ChainableCommander) {
    const replies = (await commands.exec()) ?? []
    const failed = replies.find(([error]) => error)
    if (failed) throw failed[0]
  }

  /**
   * Dead rows of the change log stay in its index on PostgreSQL until vacuumed, and every count's
   * "anything waiting?" walks them: after an import, a count took 49 ms instead of 2.5 ms at 1M.
   * Autovacuum may be off or late, so the index vacuums the log itself once enough rows died.
   */
  static async vacuum(deletedRows?: number) {
    if (db.connection().dialect.name !== 'postgres') return
    const counter = `${this.prefix()}:deleted-since-vacuum`
    if (
      deletedRows !== undefined &&
      (await redis.incrby(counter, deletedRows)) < VACUUM_AFTER_ROWS
    ) {
      return
    }
    await redis.del(counter)
    await db.rawQuery('VACUUM audience_changes')
  }
}
