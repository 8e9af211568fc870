import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import Area from '#models/areas/area'
import { redisKey } from '#services/platform/infrastructure/redis_keys'
import PublicPageCache from '#services/platform/infrastructure/public_page_cache'

/** A district and its wards as a filter or picker lists them: names and codes, no outlines. */
export interface AreaChoice {
  id: number
  code: string
  name: string
  level: string
  children: { id: number; code: string; name: string; level: string }[]
}

function choicesKey() {
  return redisKey('areas', 'choices')
}

/**
 * The area hierarchy as pickers show it: districts, each with its wards.
 */
export default class AreaDirectory {
  /** Whether any boundary has been imported: without one, nobody can be placed, so nobody can sign up. */
  static async any() {
    return (await Area.query().select('id').first()) !== null
  }

  static async districtsWithWards() {
    return Area.query()
      .where('level', 'district')
      .orderBy('name')
      .select('id', 'code', 'name', 'level', 'parent_id')
      .preload('children', (query) =>
        query.orderBy('name').select('id', 'code', 'name', 'level', 'parent_id')
      )
  }

  /**
   * The same list for public pages (the archive's area filter), kept in Redis:
   * areas change only by an import, which calls `changed()`. A thousand wards
   * are read once, not on every visit.
   */
  static async choices(): Promise<AreaChoice[]> {
    try {
      const stored = await redis.get(choicesKey())
      if (stored) return JSON.parse(stored) as AreaChoice[]
    } catch (error) {
      logger.warn(
        { err: error },
        'The area list could not be read from Redis; reading the database'
      )
    }
    const districts = await this.districtsWithWards()
    const choices = districts.map((district) => ({
      id: district.id,
      code: district.code,
      name: district.name,
      level: district.level,
      children: district.children.map((ward) => ({
        id: ward.id,
        code: ward.code,
        name: ward.name,
        level: ward.level,
      })),
    }))
    try {
      await redis.set(choicesKey(), JSON.stringify(choices), 'EX', 24 * 60 * 60)
    } catch {
      // Read from the database again next time.
    }
    return choices
  }

  /** After an import: the cached list and the public pages naming areas are built again. */
  static async changed() {
    try {
      await redis.del(choicesKey())
    } catch (error) {
      logger.error({ err: error }, 'Could not drop the cached area list')
    }
    await PublicPageCache.invalidate()
  }
}
