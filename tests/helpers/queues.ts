import redis from '@adonisjs/redis/services/main'
import { redisPrefix } from '#services/platform/infrastructure/redis_keys'
import queues, { sendQueueOf } from '#services/platform/infrastructure/queue'
import { eventually } from '#tests/helpers/eventually'

/**
 * Drops the jobs still waiting or delayed from earlier tests. The database is
 * truncated between tests and ids start again, so a retry job left by an
 * earlier test would otherwise act on this test's message of the same id.
 */
export async function emptyQueues() {
  const prefix = redisPrefix()
  for (const list of ['waiting', 'delayed']) {
    const keys = await redis.keys(`${prefix}:*:${list}`)
    if (keys.length > 0) await redis.del(...keys)
  }
}

/** Resolves once a queue has no job waiting or running: the end of work a request handed over. */
export async function queueFinished(name: string) {
  await eventually(async () => {
    const health = await queues.queue(name).checkHealth()
    if (health.waiting + health.active + health.delayed > 0) {
      throw new Error(`The ${name} queue still has work`)
    }
  })
}

/**
 * Resolves once these channels' send queues are idle: a test that started a
 * send waits for it, so that its late work cannot land on the next test's rows
 * (SQLite numbers them from 1 again once the tables are emptied).
 */
export async function sendsFinished(...channelIds: string[]) {
  for (const channelId of channelIds) await queueFinished(sendQueueOf(channelId))
}
