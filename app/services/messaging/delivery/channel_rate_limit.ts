import redis from '@adonisjs/redis/services/main'
import { redisKey } from '#services/platform/infrastructure/redis_keys'

/**
 * A per-second budget for a channel, shared by every worker through Redis,
 * so that N workers together stay within the provider's limit.
 */
export default class ChannelRateLimit {
  static async take(channelId: string, perSecond: number | null) {
    if (!perSecond) return
    while (true) {
      const second = Math.floor(Date.now() / 1000)
      const key = redisKey('rate', channelId, second)
      const used = await redis.incr(key)
      if (used === 1) await redis.expire(key, 5)
      if (used <= perSecond) return
      // This second is spent: wait for the next one.
      await new Promise((resolve) => setTimeout(resolve, (second + 1) * 1000 - Date.now() + 5))
    }
  }
}
