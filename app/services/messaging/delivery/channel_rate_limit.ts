import redis from '@adonisjs/redis/services/main'
import { redisKey } from '#services/platform/infrastructure/redis_keys'

/**
 * A per-second budget for a channel, shared by every worker through Redis,
 * so that N workers together stay within the provider's limit.
 */
export default class ChannelRateLimit {
  static async take(channelId: string, perSecond: number | null) {
    await this.takeUpTo(channelId, perSecond, 1)
  }

  /**
   * Takes as much of this second's budget as is left, up to `wanted` (at least
   * one, waiting for the next second when it is spent), and returns how much:
   * a send hands that many messages over at once and asks again for the rest,
   * so messages go out as the budget allows instead of a whole batch at a time.
   */
  static async takeUpTo(channelId: string, perSecond: number | null, wanted: number) {
    if (!perSecond) return wanted
    while (true) {
      const second = Math.floor(Date.now() / 1000)
      const key = redisKey('rate', channelId, second)
      const used = await redis.incrby(key, wanted)
      if (used === wanted) await redis.expire(key, 5)
      const granted = Math.max(0, Math.min(wanted, perSecond - (used - wanted)))
      // What was counted and not granted goes back for the other workers of this second.
      if (granted < wanted) await redis.decrby(key, wanted - granted)
      if (granted > 0) return granted
      // This second is spent: wait for the next one.
      await new Promise((resolve) => setTimeout(resolve, (second + 1) * 1000 - Date.now() + 5))
    }
  }
}
