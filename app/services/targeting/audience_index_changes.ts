import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import AudienceFacts from '#services/targeting/audience_facts'
import AudienceIndexStore, { audienceIndexTuning } from '#services/targeting/audience_index_store'

// Changes are applied in pages of this many rows, and facts read for this many residents at a time.
const CHANGES_PAGE = 20_000
const IDS_PER_QUERY = 500

type Memberships = Map<number, Set<string>>

/**
 * Applies the changes the triggers recorded in audience_changes to the
 * current generation's bitmaps: each changed resident's bits are set to
 * what the database says now. The caller holds the index's lock.
 */
export default class AudienceIndexChanges {
  static async apply() {
    const generation = await AudienceIndexStore.currentGeneration()
    if (!generation) return
    while (true) {
      const rows = await db
        .from('audience_changes')
        .orderBy('id')
        .limit(CHANGES_PAGE)
        .select('id', 'resident_id')
      if (rows.length === 0) return

      const memberships: Memberships = new Map()
      for (const row of rows) memberships.set(Number(row.resident_id), new Set())
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
      await AudienceIndexStore.vacuum(rows.length)
      if (rows.length < CHANGES_PAGE) return
    }
  }

  /** Sets each changed resident's bits to what the database says now, in one MULTI. */
  static async #write(generation: string, memberships: Memberships) {
    const registry = AudienceIndexStore.registry(generation)
    const known = new Set(await redis.smembers(registry))
    const discovered = new Set<string>()
    for (const owned of memberships.values()) {
      for (const fact of owned) if (!known.has(fact)) discovered.add(fact)
    }
    const every = [...known, ...discovered]
    const transaction = redis.multi()
    if (discovered.size) transaction.sadd(registry, ...discovered)

    if (memberships.size * every.length <= audienceIndexTuning.directWritesLimit) {
      for (const [id, owned] of memberships) {
        for (const fact of every) {
          transaction.setbit(AudienceIndexStore.key(generation, fact), id, owned.has(fact) ? 1 : 0)
        }
      }
    } else {
      // Many residents: clear them from every bitmap with one mask, then add each bitmap's newcomers.
      const scratch = `${AudienceIndexStore.prefix()}:scratch:${randomUUID()}`
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
        const key = AudienceIndexStore.key(generation, fact)
        transaction.bitop('AND', common, key, changed)
        transaction.bitop('XOR', key, key, common)
        const addition = additions.get(fact)
        if (addition) transaction.bitop('OR', key, key, addition)
      }
      transaction.del(changed, common, ...additions.values())
    }
    await AudienceIndexStore.execute(transaction)
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size))
  }
  return result
}
