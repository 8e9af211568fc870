import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import config from '@adonisjs/core/services/config'
import logger from '@adonisjs/core/services/logger'
import RedisLock from '#services/platform/infrastructure/redis_lock'
import { redisKey } from '#services/platform/infrastructure/redis_keys'
import AlertCompletion from '#services/messaging/delivery/alert_completion'
import DeliveryJobs from '#services/messaging/delivery/delivery_jobs'
import { pauseAlert } from '#services/messaging/delivery/alert_pause'
import channelRegistry from '#services/platform/plugins/channel_registry'
import type { Channel } from '#contracts/channel'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import TargetSweeper from '#services/messaging/delivery/target_sweeper'

export interface SweepOptions {
  /** A row claimed longer ago than this is taken to belong to a dead worker. */
  staleClaimSeconds: number
  /** A pending row ready to go this long and not taken may have lost its job (a Redis restart). */
  idlePendingSeconds: number
  /** An alert not dispatched this long after "send" has lost its dispatch job. */
  idleDispatchSeconds: number
}

/**
 * The ledger's caretaker, run every few seconds by one worker at a time:
 * it gives back rows whose worker died, re-enqueues work whose job was lost,
 * closes finished alerts and pauses an alert whose failures pass the
 * configured rate (raising `alert:completed` and `alert:paused`). The database
 * is the truth; Redis holds only work in flight.
 */
export default class DeliverySweeper {
  static defaults(): SweepOptions {
    return {
      staleClaimSeconds: config.get('beacon.delivery.staleClaimSeconds'),
      idlePendingSeconds: config.get('beacon.delivery.idlePendingSeconds'),
      idleDispatchSeconds: config.get('beacon.delivery.idleDispatchSeconds'),
    }
  }

  static #sweeping: Promise<void> | null = null

  /**
   * Runs once unless a sweep is still going in this process or another process holds the lock.
   * The lock is kept while the sweep lasts, and released only by its holder: a sweep of a large
   * send may outlast the interval, and must neither run beside the next one nor free its lock.
   */
  static async runExclusive(options = this.defaults()) {
    if (this.#sweeping) return
    this.#sweeping = this.#runLocked(options)
    try {
      await this.#sweeping
    } finally {
      this.#sweeping = null
    }
  }

  /** Resolves once this process's timed sweep, if one is going, has finished. */
  static async settled() {
    await this.#sweeping?.catch(() => {})
  }

  static async #runLocked(options: SweepOptions) {
    const ttlMs = Math.max(5, config.get<number>('beacon.delivery.sweepSeconds')) * 1000
    await RedisLock.run(redisKey('delivery-sweeper'), { ttlMs }, async (lock) => {
      const keep = setInterval(() => {
        lock.extend(ttlMs).catch((error) => logger.warn({ err: error }, 'sweeper lock lost'))
      }, ttlMs / 3)
      try {
        await this.run(options)
      } finally {
        clearInterval(keep)
      }
    })
  }

  static async run(options: SweepOptions) {
    const now = DateTime.now()
    const sending = await db
      .from('alerts')
      .where('status', 'sending')
      .select('id', 'dispatched_at', 'send_requested_at')
    let idleChannels: Channel[] | null = null

    for (const alert of sending) {
      if (!alert.dispatched_at) {
        const requested = alert.send_requested_at ? new Date(alert.send_requested_at).getTime() : 0
        if (requested < now.minus({ seconds: options.idleDispatchSeconds }).toMillis()) {
          await DeliveryJobs.dispatch(alert.id)
        }
        continue
      }

      const reclaimed = await db
        .from('deliveries')
        .where('alert_id', alert.id)
        .where('status', 'sending')
        .where('claimed_at', '<', sqlTime(now.minus({ seconds: options.staleClaimSeconds })))
        .update({
          status: 'pending',
          claim_token: null,
          updated_at: sqlTime(now.minus({ days: 1 })),
        })
      if (Number(reclaimed) > 0)
        logger.warn({ alertId: alert.id, rows: Number(reclaimed) }, 'reclaimed stale deliveries')

      if (await this.#pauseOnErrorRate(alert.id)) continue
      idleChannels ??= await this.#channelsWithNothingWaiting()
      if (idleChannels.length > 0) {
        await DeliveryJobs.sendPending(alert.id, {
          readyBefore: sqlTime(now.minus({ seconds: options.idlePendingSeconds })),
          channels: idleChannels,
        })
      }
      await AlertCompletion.closeIfFinished(alert.id)
    }
    await TargetSweeper.run(options)
  }

  /**
   * A pending row nobody took for a while has lost its job (a Redis restart), or is still
   * waiting its turn behind the rest of a large send: the two look alike in the ledger. While a
   * channel's queue has jobs waiting, its rows may still have theirs, so they are enqueued again
   * only once it has none: enqueuing them on every sweep instead gave a send of a million rows
   * hundreds of thousands of extra jobs, each a claim that found nothing. A lost job therefore
   * delays its rows until the queue has drained, and never loses them.
   */
  static async #channelsWithNothingWaiting() {
    const idle: Channel[] = []
    for (const channel of channelRegistry.available()) {
      if (!(await DeliveryJobs.sendJobsWaiting(channel))) idle.push(channel)
    }
    return idle
  }

  static async #pauseOnErrorRate(alertId: number) {
    const threshold = config.get<number>('beacon.delivery.pauseErrorRate')
    const minimum = config.get<number>('beacon.delivery.pauseMinimumAttempts')
    const rows = await db
      .from('deliveries')
      .where('alert_id', alertId)
      .whereIn('status', ['sent', 'delivered', 'failed'])
      .groupBy('status')
      .select('status')
      .count('* as total')
    const sent = rows
      .filter((row) => row.status === 'sent' || row.status === 'delivered')
      .reduce((sum, row) => sum + Number(row.total), 0)
    const failed = Number(rows.find((row) => row.status === 'failed')?.total ?? 0)
    if (failed < minimum || failed / (sent + failed) <= threshold) return false

    const percent = Math.round((failed / (sent + failed)) * 100)
    return pauseAlert(
      alertId,
      `Sending was paused because ${failed} of ${sent + failed} deliveries (${percent}%) failed. Check the reasons below, then resume or cancel.`
    )
  }
}
