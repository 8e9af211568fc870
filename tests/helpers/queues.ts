import redis from '@adonisjs/redis/services/main'
import { redisPrefix } from '#services/platform/infrastructure/redis_keys'
import queues, { sendQueueOf } from '#services/platform/infrastructure/queue'
import { eventually } from '#tests/helpers/eventually'

// Longer than any job of a test should run; a job stuck past it (on a server a test closed) is left to its timeout.
const RUNNING_JOBS_WAIT_MS = 5000

/**
 * Drops the jobs still waiting or delayed from earlier tests, and waits for
 * the ones this process is still running. The database is truncated between
 * tests and ids start again, so a retry job left by an earlier test, or its
 * send job still finishing, would otherwise act on this test's message or
 * delivery of the same id.
 */
export async function emptyQueues() {
  await dropQueuedJobs()
  if (queues.runningHere === 0) return
  const deadline = Date.now() + RUNNING_JOBS_WAIT_MS
  while (queues.runningHere > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  // What those jobs queued as they finished (a retry, the next batch) goes too.
  await dropQueuedJobs()
}

async function dropQueuedJobs() {
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
