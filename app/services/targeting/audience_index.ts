import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import config from '@adonisjs/core/services/config'
import type { AudienceCounts, AudienceScope } from '#services/targeting/audience_criteria'
import AudienceIndexBuild from '#services/targeting/audience_index_build'
import AudienceIndexChanges from '#services/targeting/audience_index_changes'
import AudienceIndexEvaluation from '#services/targeting/audience_index_evaluation'
import AudienceIndexStore, { audienceIndexTuning } from '#services/targeting/audience_index_store'
import RedisLock from '#services/platform/infrastructure/redis_lock'

const SYNC_LOCK_TTL_MS = 60_000

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
  static tuning = audienceIndexTuning

  /** Held by whoever rebuilds or syncs the bitmaps. */
  static get lockKey() {
    return `${AudienceIndexStore.prefix()}:lock`
  }

  /**
   * Counts the audience and how many of it each channel reaches, as
   * AudienceQuery.countByChannel does; null when SQL must answer instead.
   */
  static async countByChannel(
    scope: AudienceScope,
    channels: string[]
  ): Promise<AudienceCounts | null> {
    // The index holds residents' own facts: a shape's geometry, another alert's recipients and a joint alert's
    // either-organisation consent are SQL's.
    if (
      scope.criteria.shape ||
      scope.criteria.excludeRecipientsOf?.length ||
      scope.criteria.cosigningOrganisationIds?.length
    ) {
      return null
    }
    const generation = await this.#upToDate()
    if (!generation) return null
    return AudienceIndexEvaluation.counts(generation, scope, channels)
  }

  /** The generation other counts (AudienceIndexCounts) read, up to date; null when SQL must answer. */
  static async readableGeneration(): Promise<string | null> {
    return this.#upToDate()
  }

  /** For workers: builds the index when it is missing, otherwise applies the changes waiting. */
  static async maintain() {
    const [generation, pending] = await Promise.all([
      AudienceIndexStore.currentGeneration(),
      this.#pending(),
    ])
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
      { ttlMs: AudienceIndexBuild.lockTtlMs, waitMs: options.waitMs },
      async (lock) => {
        if (options.onlyIfNeeded && !(await this.#needsRebuild())) return
        await AudienceIndexBuild.run(lock)
      }
    )
    return done !== null
  }

  /** Applies the changes recorded since the last sync. False when the lock stayed taken. */
  static async sync(options: { waitMs?: number } = {}) {
    const done = await RedisLock.run(
      this.lockKey,
      { ttlMs: SYNC_LOCK_TTL_MS, waitMs: options.waitMs },
      () => AudienceIndexChanges.apply()
    )
    return done !== null
  }

  /** Forgets the bitmaps; the next count or worker rebuilds them. */
  static async forget() {
    const generation = await redis.get(AudienceIndexStore.currentKey())
    await redis.del(AudienceIndexStore.currentKey())
    if (generation) await AudienceIndexStore.retire(generation, 0)
  }

  /** The generation to count from, up to date with the database; null when SQL must answer. */
  static async #upToDate(): Promise<string | null> {
    const waitMs = this.tuning.lockWaitMs
    let [generation, pending] = await Promise.all([
      AudienceIndexStore.currentGeneration(),
      this.#pending(),
    ])
    if (generation && pending === 'none') return generation
    if (!generation || pending === 'backlog') {
      if (!(await this.#smallEnoughToBuildNow())) return null
      if (!(await this.rebuild({ waitMs, onlyIfNeeded: true }))) return null
      pending = await this.#pending()
    }
    if (pending !== 'none' && !(await this.sync({ waitMs }))) return null
    // Read again: a rebuild may have replaced the generation while this process waited.
    generation = await AudienceIndexStore.currentGeneration()
    return generation
  }

  static async #needsRebuild() {
    const [generation, pending] = await Promise.all([
      AudienceIndexStore.currentGeneration(),
      this.#pending(),
    ])
    return !generation || pending === 'backlog'
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
    const row = await db.from('residents').max('id as id').first()
    return Number(row?.id ?? 0) <= config.get<number>('beacon.audience.buildOnRequestUpTo')
  }
}
