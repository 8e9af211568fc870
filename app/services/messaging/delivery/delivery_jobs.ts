import db from '@adonisjs/lucid/services/db'
import queues, { sendQueueOf } from '#services/platform/infrastructure/queue'
import channelRegistry from '#services/platform/plugins/channel_registry'
import type { Channel } from '#contracts/channel'

/** What a send job carries: a batch of deliveries of one alert on one channel. */
export interface SendJobData {
  alertId: number
  channel: string
  deliveryIds: number[]
}

export const DISPATCH_QUEUE = 'dispatch'

/** The send queue of organisation channels (webhooks): one job per target delivery. */
export const TARGET_QUEUE = 'send-targets'

export interface TargetJobData {
  targetDeliveryId: number
}
const SEND_TIMEOUT_MS = 120_000

/**
 * The one place that puts the alert's work on the queues: its dispatch job,
 * and send jobs for rows of the ledger. Redis holds only work in flight, so
 * every job here can be made again from the database.
 */
export default class DeliveryJobs {
  // The job id is the alert's id, so the same alert cannot be dispatched twice at once.
  static async dispatch(alertId: number) {
    await queues.add(
      DISPATCH_QUEUE,
      { alertId: alertId },
      { id: `alert-${alertId}`, timeoutMs: 30 * 60_000 }
    )
  }

  /** Send jobs for these deliveries, in the channel's batch size, not before `delayUntil`. */
  static async send(alertId: number, channel: Channel, deliveryIds: number[], delayUntil?: Date) {
    const batchSize = channel.limits.batchSize
    const jobs = []
    for (let start = 0; start < deliveryIds.length; start += batchSize) {
      jobs.push({
        data: {
          alertId: alertId,
          channel: channel.id,
          deliveryIds: deliveryIds.slice(start, start + batchSize),
        } satisfies SendJobData,
        options: { timeoutMs: SEND_TIMEOUT_MS, delayUntil },
      })
    }
    await queues.addMany(sendQueueOf(channel.id), jobs)
  }

  /**
   * One send job for deliveries given back to the ledger (a retry, quiet hours, a failed
   * batch), by channel id: the channel itself may have gone meanwhile.
   */
  static async sendLater(alertId: number, channelId: string, deliveryIds: number[], at: Date) {
    const data: SendJobData = { alertId: alertId, channel: channelId, deliveryIds }
    await queues.add(sendQueueOf(channelId), data, {
      delayUntil: at,
      timeoutMs: SEND_TIMEOUT_MS,
    })
  }

  /**
   * Enqueues send jobs for the pending rows of an alert, read from the ledger in pages. With
   * `readyBefore`, only the rows that were ready to go (written, retried or due) before then,
   * on the given channels: the sweeper's rows whose job may have been lost.
   */
  static async sendPending(alertId: number, idle?: { readyBefore: string; channels: Channel[] }) {
    for (const channel of idle?.channels ?? channelRegistry.available()) {
      let lastId = 0
      while (true) {
        const rows = await db
          .from('deliveries')
          .where('alert_id', alertId)
          .where('channel', channel.id)
          .where('status', 'pending')
          .where('id', '>', lastId)
          .if(idle, (query) =>
            query
              .where('updated_at', '<', idle!.readyBefore)
              .where((due) =>
                due.whereNull('next_attempt_at').orWhere('next_attempt_at', '<', idle!.readyBefore)
              )
          )
          .orderBy('id')
          .limit(5000)
          .select('id', 'next_attempt_at')
        if (rows.length === 0) break
        lastId = Number(rows[rows.length - 1].id)

        const jobs = []
        for (let start = 0; start < rows.length; start += channel.limits.batchSize) {
          const slice = rows.slice(start, start + channel.limits.batchSize)
          const latest = slice
            .map((row) => (row.next_attempt_at ? new Date(row.next_attempt_at).getTime() : 0))
            .reduce((a, b) => Math.max(a, b), 0)
          jobs.push({
            data: {
              alertId: alertId,
              channel: channel.id,
              deliveryIds: slice.map((row) => Number(row.id)),
            } satisfies SendJobData,
            options: {
              timeoutMs: SEND_TIMEOUT_MS,
              delayUntil: latest > Date.now() ? new Date(latest) : undefined,
            },
          })
        }
        await queues.addMany(sendQueueOf(channel.id), jobs)
      }
    }
  }

  /** Whether a channel's send queue has jobs waiting for a worker (the sweeper asks). */
  static async sendJobsWaiting(channel: Channel) {
    return (await queues.waitingCount(sendQueueOf(channel.id))) > 0
  }

  /**
   * Send jobs for target deliveries (organisation channels: one row per alert and webhook
   * address). A job is a nudge: the sender claims its row with a guarded update.
   */
  static async sendToTargets(targetDeliveryIds: number[], delayUntil?: Date) {
    await queues.addMany(
      TARGET_QUEUE,
      targetDeliveryIds.map((id) => ({
        data: { targetDeliveryId: id } satisfies TargetJobData,
        options: { timeoutMs: 60_000, delayUntil },
      }))
    )
  }
}
