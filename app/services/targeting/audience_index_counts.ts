import { randomUUID } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import {
  facts,
  INDEXED_DEMOGRAPHIC_COLUMNS,
  REPORTED_DEMOGRAPHIC_COLUMNS,
} from '#services/targeting/audience_facts'
import AudienceIndexStore from '#services/targeting/audience_index_store'

// Scratch keys outlive a MULTI that never ran its DEL (a dropped connection) by this long at most.
const SCRATCH_TTL_MS = 60_000

/**
 * Counts of an organisation's residents by area and by a demographic
 * answer, from one generation of the audience index, for reports that
 * count many groups at once (engagement's Who we reach). A resident counts
 * if active and consenting to the organisation, as an audience does
 * (audience_facts.ts): consent(org) holds consents not withdrawn, and only
 * active residents have any fact at all.
 *
 * Each count is BITOP AND into one scratch key, then BITCOUNT of it: one
 * key is overwritten for every area, so a thousand areas need no more
 * memory than one. Every command of a call goes in one MULTI, which sees
 * one state of the bitmaps and deletes the scratch keys at its end.
 */
export default class AudienceIndexCounts {
  /** Residents of the organisation living in each area given (wards, districts...). */
  static async countsByArea(generation: string, organisationId: number, areaIds: number[]) {
    const byArea = new Map<number, number>()
    if (!areaIds.length) return byArea
    const key = (fact: string) => AudienceIndexStore.key(generation, fact)
    const plan = new ScratchPlan()
    const theirs = plan.and([key(facts.active), key(facts.consent(organisationId))])
    const at = areaIds.map((id) => plan.countOf([theirs, key(facts.area(id))]))
    const results = await plan.run()
    areaIds.forEach((id, index) => byArea.set(id, results[at[index]]))
    return byArea
  }

  /**
   * Residents of the organisation with each value of a demographic column
   * (every value the index has, less those left out), living in any of the
   * areas, and, with `perArea`, in each area. Null when the generation has
   * no facts for the column (built before it was indexed).
   */
  static async countsByDemographic(
    generation: string,
    organisationId: number,
    column: string,
    options: { areaIds: number[]; leaveOut: string[]; perArea: boolean }
  ) {
    if (!(await this.#holds(generation, column))) return null
    const key = (fact: string) => AudienceIndexStore.key(generation, fact)
    const prefix = facts.demographic(column, '')
    const known = await redis.smembers(AudienceIndexStore.registry(generation))
    const values = known
      .filter((fact) => fact.startsWith(prefix))
      .map((fact) => fact.slice(prefix.length))
      .filter((value) => !options.leaveOut.includes(value))
    const byArea = new Map<number, Map<string, number>>()
    const everywhere = new Map<string, number>()
    if (!values.length || !options.areaIds.length) return { byArea, everywhere }

    const plan = new ScratchPlan()
    const theirs = plan.and([key(facts.active), key(facts.consent(organisationId))])
    const anywhere = plan.or(options.areaIds.map((id) => key(facts.area(id))))
    const perValue = values.map((value) => {
      const answered = plan.and([theirs, key(facts.demographic(column, value))])
      return {
        everywhere: plan.countOf([answered, anywhere]),
        byArea: options.perArea
          ? options.areaIds.map((id) => plan.countOf([answered, key(facts.area(id))]))
          : [],
      }
    })
    const results = await plan.run()
    values.forEach((value, index) => {
      everywhere.set(value, results[perValue[index].everywhere])
      perValue[index].byArea.forEach((at, areaIndex) => {
        const id = options.areaIds[areaIndex]
        const area = byArea.get(id) ?? new Map<string, number>()
        if (results[at]) area.set(value, results[at])
        byArea.set(id, area)
      })
    })
    return { byArea, everywhere }
  }

  static async #holds(generation: string, column: string) {
    if (!INDEXED_DEMOGRAPHIC_COLUMNS.includes(column)) return false
    if (!REPORTED_DEMOGRAPHIC_COLUMNS.includes(column)) return true
    return (await redis.sismember(AudienceIndexStore.holdsKey(generation), column)) === 1
  }
}

/** Bitmap arithmetic in one MULTI; each count reuses one scratch key. */
class ScratchPlan {
  #transaction = redis.multi()
  #replies = 0
  #prefix = `${AudienceIndexStore.prefix()}:scratch:${randomUUID()}`
  #keys: string[] = []
  #counted = this.#next()

  #next() {
    const key = `${this.#prefix}:${this.#keys.length}`
    this.#keys.push(key)
    return key
  }

  #bitop(operation: 'AND' | 'OR', result: string, keys: string[]) {
    this.#transaction.bitop(operation, result, ...keys)
    this.#transaction.pexpire(result, SCRATCH_TTL_MS)
    this.#replies += 2
  }

  and(keys: string[]) {
    const result = this.#next()
    this.#bitop('AND', result, keys)
    return result
  }

  /** Members of any of the sets: an empty list is the empty set (a key never written). */
  or(keys: string[]) {
    const result = this.#next()
    if (keys.length) this.#bitop('OR', result, keys)
    return result
  }

  /** Queues a count of the members of every one of the sets; returns where run() puts it. */
  countOf(keys: string[]) {
    this.#bitop('AND', this.#counted, keys)
    this.#transaction.bitcount(this.#counted)
    return this.#replies++
  }

  async run(): Promise<number[]> {
    this.#transaction.del(...this.#keys)
    const replies = (await this.#transaction.exec()) ?? []
    const failed = replies.find(([error]) => error)
    if (failed) throw failed[0]
    return replies.map(([, value]) => Number(value))
  }
}
