import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import config from '@adonisjs/core/services/config'
import logger from '@adonisjs/core/services/logger'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ChainableCommander } from 'ioredis'
import { redisKey } from '#services/platform/infrastructure/redis_keys'
import AudienceFacts, { facts } from '#services/targeting/audience_facts'
import {
  CONTACT_SQL,
  DEMOGRAPHIC_COLUMNS,
  type AudienceCounts,
  type AudienceScope,
  type DemographicCriteria,
} from '#services/targeting/audience_query'
import RedisBitPlan from '#services/targeting/redis_bit_plan'
import RedisLock from '#services/platform/infrastructure/redis_lock'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

// Changes are applied in pages of this many rows, and facts read for this many residents at a time.
const CHANGES_PAGE = 20_000
const IDS_PER_QUERY = 500
const SYNC_LOCK_TTL_MS = 60_000
const REBUILD_LOCK_TTL_MS = 5 * 60_000
// The change log is vacuumed (PostgreSQL) once this many of its rows have been deleted.
const VACUUM_AFTER_ROWS = 10_000
// Counts that started on a generation just replaced may still read it for this long.
const RETIRED_GENERATION_TTL_MS = 60_000

type Memberships = Map<number, Set<string>>

/**
 * The audience count from bitmaps of resident ids in Redis, one per fact
 * (lives in area 7, interested in burglary, reachable by email, consents to
 * organisation 2...): a count is a few BITOPs and BITCOUNTs, in milliseconds
 * at a million residents, where SQL joins hundreds of thousands of rows.
 *
 * SQL stays the truth: the dispatcher never reads these bitmaps, and a
 * count that the index cannot answer (a drawn shape, an index being built,
 * a lock held too long) is answered by AudienceQuery. Triggers record every
 * change in audience_changes; each count first applies them, so a count is
 * never older than the last committed change.
 */
export default class AudienceIndex {
  static tuning = {
    // Setting each changed resident's bit in every bitmap is one command per pair; past this, masks are cheaper.
    directWritesLimit: 50_000,
    // A count waits this long for another process's sync or rebuild before SQL answers instead.
    lockWaitMs: 3_000,
    // A rebuild reads residents in ranges of ids this wide: a multiple of 8 (see #writeAll).
    rebuildPage: 10_000,
  }

  static #prefix() {
    return redisKey('audience')
  }

  static #key(generation: string, fact: string) {
    return `${this.#prefix()}:${generation}:${fact}`
  }

  static #registry(generation: string) {
    return `${this.#prefix()}:${generation}:facts`
  }

  /** Held by whoever rebuilds or syncs the bitmaps. */
  static get lockKey() {
    return `${this.#prefix()}:lock`
  }

  static #currentKey() {
    return `${this.#prefix()}:current`
  }

  /**
   * Counts the audience and how many of it each channel reaches, as
   * AudienceQuery.countByChannel does; null when SQL must answer instead.
   */
  static async countByChannel(
    scope: AudienceScope,
    channels: string[]
  ): Promise<AudienceCounts | null> {
    if (scope.criteria.shape) return null
    const generation = await this.#upToDate()
    if (!generation) return null
    return this.#evaluate(generation, scope, channels)
  }

  /** For workers: builds the index when it is missing, otherwise applies the changes waiting. */
  static async maintain() {
    const [generation, pending] = await Promise.all([this.#currentGeneration(), this.#pending()])
    if (!generation || pending === 'backlog') await this.rebuild({ onlyIfNeeded: true })
    else if (pending === 'some') await this.sync()
  }

  /**
   * Builds every bitmap again from the database, under a new generation
   * that replaces the current one only once complete. False when another
   * process held the lock for longer than `waitMs`. `onlyIfNeeded` skips
   * the work when, by the time the lock is ours, another process has built
   * the index already.
   */
  static async rebuild(options: { waitMs?: number; onlyIfNeeded?: boolean } = {}) {
    const done = await RedisLock.run(
      this.lockKey,
      { ttlMs: REBUILD_LOCK_TTL_MS, waitMs: options.waitMs },
      async (lock) => {
        if (options.onlyIfNeeded && !(await this.#needsRebuild())) return
        await this.#rebuild(lock)
      }
    )
    return done !== null
  }

  /** Applies the changes recorded since the last sync. False when the lock stayed taken. */
  static async sync(options: { waitMs?: number } = {}) {
    const done = await RedisLock.run(
      this.lockKey,
      { ttlMs: SYNC_LOCK_TTL_MS, waitMs: options.waitMs },
      () => this.#applyChanges()
    )
    return done !== null
  }

  /** Forgets the bitmaps; the next count or worker rebuilds them. */
  static async forget() {
    const generation = await redis.get(this.#currentKey())
    await redis.del(this.#currentKey())
    if (generation) await this.#retire(generation, 0)
  }

  /** The generation to count from, up to date with the database; null when SQL must answer. */
  static async #upToDate(): Promise<string | null> {
    const waitMs = this.tuning.lockWaitMs
    let [generation, pending] = await Promise.all([this.#currentGeneration(), this.#pending()])
    if (generation && pending === 'none') return generation
    if (!generation || pending === 'backlog') {
      if (!(await this.#smallEnoughToBuildNow())) return null
      if (!(await this.rebuild({ waitMs, onlyIfNeeded: true }))) return null
      pending = await this.#pending()
    }
    if (pending !== 'none' && !(await this.sync({ waitMs }))) return null
    // Read again: a rebuild may have replaced the generation while this process waited.
    generation = await this.#currentGeneration()
    return generation
  }

  static async #needsRebuild() {
    const [generation, pending] = await Promise.all([this.#currentGeneration(), this.#pending()])
    return !generation || pending === 'backlog'
  }

  static async #currentGeneration() {
    const [row, current] = await Promise.all([
      db.from('audience_index').orderBy('id', 'desc').select('generation').first(),
      redis.get(this.#currentKey()),
    ])
    return row && current === row.generation ? current : null
  }

  static async #pending(): Promise<'none' | 'some' | 'backlog'> {
    const first = await db.from('audience_changes').select('id').orderBy('id').first()
    if (!first) return 'none'
    const beyond = await db
      .from('audience_changes')
      .select('id')
      .orderBy('id')
      .offset(config.get<number>('beacon.audience.changesBeforeRebuild'))
      .first()
    return beyond ? 'backlog' : 'some'
  }

  static async #smallEnoughToBuildNow() {
    const row = await db.from('subscribers').max('id as id').first()
    return Number(row?.id ?? 0) <= config.get<number>('beacon.audience.buildOnRequestUpTo')
  }

  static async #rebuild(lock: RedisLock) {
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
      await this.#retire(generation, 0)
      throw error
    }
    const previous = await redis.getset(this.#currentKey(), generation)
    if (previous && previous !== generation) await this.#retire(previous, RETIRED_GENERATION_TTL_MS)
    logger.info({ generation, ms: Date.now() - started }, 'audience index built')
    await this.#vacuum()
  }

  /**
   * Dead rows of the change log stay in its index on PostgreSQL until vacuumed, and every count's
   * "anything waiting?" walks them: after an import, a count took 49 ms instead of 2.5 ms at 1M.
   * Autovacuum may be off or late, so the index vacuums the log itself once enough rows died.
   */
  static async #vacuum(deletedRows?: number) {
    if (db.connection().dialect.name !== 'postgres') return
    const counter = `${this.#prefix()}:deleted-since-vacuum`
    if (
      deletedRows !== undefined &&
      (await redis.incrby(counter, deletedRows)) < VACUUM_AFTER_ROWS
    ) {
      return
    }
    await redis.del(counter)
    await db.rawQuery('VACUUM audience_changes')
  }

  /**
   * PostgreSQL reads everything and deletes the changes it has seen in one
   * snapshot: a change committed meanwhile stays for the next sync. SQLite
   * has one writer at a time, so every change committed after the first
   * read has a higher id than the last one seen then.
   */
  static async #withSnapshot(work: (client: QueryClientContract) => Promise<void>) {
    if (db.connection().dialect.name === 'postgres') {
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
    const range = await client.from('subscribers').min('id as low').max('id as high').first()
    const high = Number(range?.high ?? 0)
    const registry = this.#registry(generation)
    const width = this.tuning.rebuildPage
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
          pipeline.setrange(this.#key(generation, fact), from >> 3, Buffer.from(bits.buffer))
        }
        pipeline.sadd(registry, ...page.keys())
        await this.#execute(pipeline)
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
      const key = this.#key(generation, fact)
      compact.bitop('OR', key, key)
    }
    await this.#execute(compact)
  }

  /** Deletes a generation's bitmaps, at once or after the counts still reading them are done. */
  static async #retire(generation: string, afterMs: number) {
    const registry = this.#registry(generation)
    const known = await redis.smembers(registry)
    const keys = [registry, ...known.map((fact) => this.#key(generation, fact))]
    const pipeline = redis.pipeline()
    for (const key of keys) {
      if (afterMs > 0) pipeline.pexpire(key, afterMs)
      else pipeline.del(key)
    }
    await pipeline.exec()
  }

  static async #applyChanges() {
    const generation = await this.#currentGeneration()
    if (!generation) return
    while (true) {
      const rows = await db
        .from('audience_changes')
        .orderBy('id')
        .limit(CHANGES_PAGE)
        .select('id', 'subscriber_id')
      if (rows.length === 0) return

      const memberships: Memberships = new Map()
      for (const row of rows) memberships.set(Number(row.subscriber_id), new Set())
      for (const ids of chunks([...memberships.keys()], IDS_PER_QUERY)) {
        await AudienceFacts.read(db.connection(), { ids }, (id, fact) =>
          memberships.get(id)!.add(fact)
        )
      }
      await this.#write(generation, memberships)
      // Exactly the rows read: one committed meanwhile with a lower id (PostgreSQL) must stay.
      for (const ids of chunks(
        rows.map((row) => row.id),
        IDS_PER_QUERY
      )) {
        await db.from('audience_changes').whereIn('id', ids).delete()
      }
      await this.#vacuum(rows.length)
      if (rows.length < CHANGES_PAGE) return
    }
  }

  /** Sets each changed resident's bits to what the database says now, in one MULTI. */
  static async #write(generation: string, memberships: Memberships) {
    const registry = this.#registry(generation)
    const known = new Set(await redis.smembers(registry))
    const discovered = new Set<string>()
    for (const owned of memberships.values()) {
      for (const fact of owned) if (!known.has(fact)) discovered.add(fact)
    }
    const every = [...known, ...discovered]
    const transaction = redis.multi()
    if (discovered.size) transaction.sadd(registry, ...discovered)

    if (memberships.size * every.length <= this.tuning.directWritesLimit) {
      for (const [id, owned] of memberships) {
        for (const fact of every) {
          transaction.setbit(this.#key(generation, fact), id, owned.has(fact) ? 1 : 0)
        }
      }
    } else {
      // Many residents: clear them from every bitmap with one mask, then add each bitmap's newcomers.
      const scratch = `${this.#prefix()}:scratch:${randomUUID()}`
      const changed = `${scratch}:changed`
      const common = `${scratch}:common`
      const additions = new Map<string, string>()
      for (const [id, owned] of memberships) {
        transaction.setbit(changed, id, 1)
        for (const fact of owned) {
          let addition = additions.get(fact)
          if (!addition) additions.set(fact, (addition = `${scratch}:add:${additions.size}`))
          transaction.setbit(addition, id, 1)
        }
      }
      for (const fact of every) {
        const key = this.#key(generation, fact)
        transaction.bitop('AND', common, key, changed)
        transaction.bitop('XOR', key, key, common)
        const addition = additions.get(fact)
        if (addition) transaction.bitop('OR', key, key, addition)
      }
      transaction.del(changed, common, ...additions.values())
    }
    await this.#execute(transaction)
  }

  /** Sends a pipeline or MULTI, and throws the first error any of its commands met. */
  static async #execute(commands: ChainableCommander) {
    const replies = (await commands.exec()) ?? []
    const failed = replies.find(([error]) => error)
    if (failed) throw failed[0]
  }

  /** The same rules as AudienceQuery.build and countByChannel, as set arithmetic. */
  static async #evaluate(
    generation: string,
    { organisationId, priority, criteria }: AudienceScope,
    channels: string[]
  ): Promise<AudienceCounts> {
    const key = (fact: string) => this.#key(generation, fact)
    const known = await redis.smembers(this.#registry(generation))
    const accepting = known.filter(
      (fact) =>
        fact.startsWith(facts.thresholdPrefix) &&
        Number(fact.slice(facts.thresholdPrefix.length)) <= priority
    )

    const plan = new RedisBitPlan(`${this.#prefix()}:scratch`)
    const kinds = [
      key(facts.active),
      key(facts.consent(organisationId)),
      plan.union(accepting.map(key)),
      plan.union((criteria.areaIds ?? []).map((id) => key(facts.area(id)))),
    ]
    const anyOf = (chosen: string[] | number[] | undefined, fact: (value: any) => string) => {
      if (chosen?.length) kinds.push(plan.union(chosen.map((value) => key(fact(value)))))
    }
    anyOf(criteria.interestIds, facts.interest)
    anyOf(criteria.schemeIds, facts.scheme)
    anyOf(criteria.languages, facts.language)
    anyOf(criteria.sources, facts.source)
    for (const [field, values] of Object.entries(criteria.demographics ?? {})) {
      const column = DEMOGRAPHIC_COLUMNS[field as keyof DemographicCriteria]
      if (column && Array.isArray(values)) {
        anyOf(values, (value: string) => facts.demographic(column, value))
      }
    }
    const audience = plan.intersection(kinds)

    const reachable = new Map<string, string>()
    const reachableBy = (channel: string) => {
      let result = reachable.get(channel)
      if (!result) {
        const withContact =
          channel in CONTACT_SQL
            ? plan.intersection([audience, key(facts.contact(channel))])
            : audience
        result = plan.difference(withContact, key(facts.switchedOff(channel)))
        reachable.set(channel, result)
      }
      return result
    }

    const chosen = criteria.channels?.length
      ? plan.union(criteria.channels.map(reachableBy))
      : audience
    const totalAt = plan.count(chosen)
    const channelAt = channels.map((channel) =>
      plan.count(plan.intersection([chosen, reachableBy(channel)]))
    )
    const results = await plan.run()
    return {
      total: results[totalAt],
      byChannel: Object.fromEntries(
        channels.map((channel, index) => [channel, results[channelAt[index]]])
      ),
    }
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size))
  }
  return result
}
