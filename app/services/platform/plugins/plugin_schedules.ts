import logger from '@adonisjs/core/services/logger'
import type { ScheduledJob } from '#contracts/schedules'
import RedisLock from '#services/platform/infrastructure/redis_lock'
import { redisKey } from '#services/platform/infrastructure/redis_keys'
import { parseEvery, type Timing } from '#services/platform/plugins/schedule_timing'

interface Registration {
  pluginId: string
  name: string
  job: ScheduledJob
  timing: Timing
  isEnabled(): boolean
}

// Often enough never to miss a cron minute.
const CHECK_EVERY_MS = 20_000

/**
 * Runs plugins' scheduled jobs (#contracts/schedules) in worker processes.
 * Each worker checks every 20 seconds; the first to claim a job's slot in
 * Redis runs it, and the claim outlives the slot so that no other worker (nor
 * this one, restarted) runs it again.
 */
export class PluginSchedules {
  #jobs: Registration[] = []
  #timer: NodeJS.Timeout | null = null

  register(pluginId: string, name: string, job: ScheduledJob, isEnabled: () => boolean) {
    this.#jobs.push({ pluginId, name, job, timing: parseEvery(job.every), isEnabled })
  }

  /** Called by worker processes (app/jobs/queue_workers.ts' callers), never by the web process alone. */
  start() {
    if (this.#timer) return
    const check = () => {
      this.runDue().catch((error) => logger.error({ err: error }, 'plugin schedules check failed'))
    }
    check()
    this.#timer = setInterval(check, CHECK_EVERY_MS)
  }

  stop() {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
  }

  /** Runs every enabled job due at `now` whose slot no worker has claimed; returns how many this process ran. */
  async runDue(now = Date.now()) {
    const due = this.#jobs.filter((entry) => entry.isEnabled())
    const ran = await Promise.all(due.map((entry) => this.#runIfClaimed(entry, now)))
    return ran.filter(Boolean).length
  }

  async #runIfClaimed({ pluginId, name, job, timing }: Registration, now: number) {
    const slot = timing.slotAt(now)
    if (slot === null) return false
    const key = redisKey('plugins', 'schedule', pluginId, name, String(slot))
    // Never released: the claim is what says this slot has run.
    const claim = await RedisLock.acquire(key, { ttlMs: timing.slotMs * 2 })
    if (!claim) return false
    try {
      await job.run()
    } catch (error) {
      logger.error({ err: error, plugin: pluginId, schedule: name }, 'plugin scheduled job failed')
    }
    return true
  }
}

const pluginSchedules = new PluginSchedules()
export default pluginSchedules
