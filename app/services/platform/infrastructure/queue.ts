import BeeQueue from 'bee-queue'
import beeQueueScripts from 'bee-queue/lib/lua/index.js'
import env from '#start/env'
import { redisPrefix } from '#services/platform/infrastructure/redis_keys'
import logger from '@adonisjs/core/services/logger'

/** dispatch, mail, and one send queue per channel (see sendQueueOf). */
export type QueueName = string

export function sendQueueOf(channelId: string) {
  return `send-${channelId}`
}

export interface JobOptions {
  id?: string
  retries?: number
  timeoutMs?: number
  delayUntil?: Date
}

type Processor = (data: any) => Promise<unknown>

/**
 * The bee-queue queues on Redis. Redis holds only work in flight: every job
 * can be recreated from the database, so a lost job delays work but never
 * loses it.
 */
export class QueueService {
  #queues = new Map<QueueName, BeeQueue>()
  #isWorker = false
  #stallTimers: NodeJS.Timeout[] = []

  /** Must be called before the first queue is created, to process jobs in this process. */
  actAsWorker() {
    if (this.#queues.size > 0 && !this.#isWorker) {
      throw new Error('Queues were created before the process was made a worker')
    }
    this.#isWorker = true
  }

  get isWorker() {
    return this.#isWorker
  }

  queue(name: QueueName): BeeQueue {
    let queue = this.#queues.get(name)
    if (!queue) {
      queue = new BeeQueue(name, {
        prefix: redisPrefix(),
        // bee-queue speaks node-redis v3, which wants host and port, not a URL.
        redis: {
          host: env.get('REDIS_HOST'),
          port: env.get('REDIS_PORT'),
          password: env.get('REDIS_PASSWORD') || undefined,
        },
        isWorker: this.#isWorker,
        getEvents: false,
        sendEvents: false,
        // Without events, bee-queue would keep every job this process creates in memory for good.
        storeJobs: false,
        activateDelayedJobs: this.#isWorker,
        removeOnSuccess: true,
        removeOnFailure: true,
        stallInterval: 10_000,
      })
      queue.on('error', (error) => logger.error({ err: error, queue: name }, 'queue error'))
      this.#reloadScriptsOnReconnect(queue, name)
      this.#queues.set(name, queue)
    }
    return queue
  }

  /**
   * bee-queue loads its Lua scripts into Redis once, when the queue is ready. A
   * Redis that restarts comes back without them, and every enqueue would then
   * fail (NOSCRIPT) until the process restarted: the sweeper could not put the
   * lost jobs back. They are loaded again each time the connection is.
   */
  #reloadScriptsOnReconnect(queue: BeeQueue, name: QueueName) {
    queue
      .ready()
      .then(() => {
        const client = (queue as unknown as { client: NodeJS.EventEmitter }).client
        client.on('ready', () => {
          beeQueueScripts
            .buildCache(client)
            .catch((error) => logger.warn({ err: error, queue: name }, 'queue scripts not loaded'))
        })
      })
      .catch(() => {})
  }

  #createJob(name: QueueName, data: unknown, options: JobOptions) {
    const job = this.queue(name).createJob(data)
    if (options.id) job.setId(options.id)
    job.timeout(options.timeoutMs ?? 60_000)
    if (options.retries) job.retries(options.retries).backoff('exponential', 1000)
    if (options.delayUntil) job.delayUntil(options.delayUntil)
    return job
  }

  async add(name: QueueName, data: unknown, options: JobOptions = {}) {
    await this.#createJob(name, data, options).save()
  }

  /**
   * Saves many jobs in one round trip. Jobs that fail to save are retried
   * once; what still fails is thrown, so the caller's ledger stays the truth.
   */
  async addMany(name: QueueName, items: { data: unknown; options?: JobOptions }[]) {
    if (items.length === 0) return
    const jobs = items.map((item) => this.#createJob(name, item.data, item.options ?? {}))
    const errors = await this.queue(name).saveAll(jobs)
    if (errors.size > 0) {
      const retryErrors = await this.queue(name).saveAll([...errors.keys()])
      if (retryErrors.size > 0) {
        throw [...retryErrors.values()][0]
      }
    }
  }

  /** Jobs this process is running at this moment, over all its queues (bee-queue's own count). */
  get runningHere() {
    let running = 0
    for (const queue of this.#queues.values()) {
      running += (queue as unknown as { running?: number }).running ?? 0
    }
    return running
  }

  /** How many jobs of a queue wait for a worker to take them (delayed and running jobs not counted). */
  async waitingCount(name: QueueName) {
    const health = await this.queue(name).checkHealth()
    return health.waiting
  }

  process(name: QueueName, concurrency: number, processor: Processor) {
    if (!this.#isWorker) throw new Error('This process is not a queue worker')
    const queue = this.queue(name)
    queue.process(concurrency, (job) => processor(job.data))
    this.#stallTimers.push(
      setInterval(() => {
        queue
          .checkStalledJobs()
          .catch((error) => logger.warn({ err: error }, 'stalled job check failed'))
      }, 10_000)
    )
  }

  async ready() {
    await Promise.all([...this.#queues.values()].map((queue) => queue.ready()))
  }

  async close() {
    this.#stallTimers.forEach((timer) => clearInterval(timer))
    this.#stallTimers = []
    await Promise.all([...this.#queues.values()].map((queue) => queue.close(5000).catch(() => {})))
    this.#queues.clear()
  }
}

const queues = new QueueService()
export default queues
