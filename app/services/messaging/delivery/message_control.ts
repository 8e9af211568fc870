import db from '@adonisjs/lucid/services/db'
import queues, { sendQueueOf } from '#services/platform/infrastructure/queue'
import channelRegistry from '#services/platform/channel_registry'
import type { Channel } from '#contracts/channel'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * Staff control of a running send: pause, resume and cancel. Resuming
 * starts again from the ledger (every row still pending), never from a
 * cursor, so nothing is sent twice and nothing is left out.
 */
export default class MessageControl {
  static async pause(messageId: number, reason: string | null = null) {
    const updated = await db
      .from('messages')
      .where('id', messageId)
      .where('status', 'sending')
      .update({
        status: 'paused',
        paused_at: sqlTime(),
        status_reason: reason,
        updated_at: sqlTime(),
      })
    return Number(updated) > 0
  }

  static async resume(messageId: number) {
    const updated = await db
      .from('messages')
      .where('id', messageId)
      .where('status', 'paused')
      .update({ status: 'sending', paused_at: null, status_reason: null, updated_at: sqlTime() })
    if (Number(updated) === 0) return false

    const message = await db.from('messages').where('id', messageId).first()
    if (!message.dispatched_at) {
      await this.enqueueDispatch(messageId)
      return true
    }
    await this.enqueuePending(messageId)
    return true
  }

  static async cancel(messageId: number) {
    return db.transaction(async (trx) => {
      const updated = await trx
        .from('messages')
        .where('id', messageId)
        .whereIn('status', ['sending', 'paused'])
        .update({ status: 'cancelled', cancelled_at: sqlTime(), updated_at: sqlTime() })
      if (Number(updated) === 0) return false
      await trx
        .from('deliveries')
        .where('message_id', messageId)
        .where('status', 'pending')
        .update({
          status: 'cancelled',
          error: 'Cancelled by staff before it was sent',
          updated_at: sqlTime(),
        })
      return true
    })
  }

  // The job id is the message id, so the same message cannot be dispatched twice at once.
  static async enqueueDispatch(messageId: number) {
    await queues.add(
      'dispatch',
      { messageId },
      { id: `message-${messageId}`, timeoutMs: 30 * 60_000 }
    )
  }

  /**
   * Enqueues send jobs for the pending rows of a message, read from the ledger in pages. With
   * `readyBefore`, only the rows that were ready to go (written, retried or due) before then,
   * on the given channels: the sweeper's rows whose job may have been lost.
   */
  static async enqueuePending(
    messageId: number,
    idle?: { readyBefore: string; channels: Channel[] }
  ) {
    for (const channel of idle?.channels ?? channelRegistry.available()) {
      let lastId = 0
      while (true) {
        const rows = await db
          .from('deliveries')
          .where('message_id', messageId)
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
              messageId,
              channel: channel.id,
              deliveryIds: slice.map((row) => Number(row.id)),
            },
            options: {
              timeoutMs: 120_000,
              delayUntil: latest > Date.now() ? new Date(latest) : undefined,
            },
          })
        }
        await queues.addMany(sendQueueOf(channel.id), jobs)
      }
    }
  }
}
