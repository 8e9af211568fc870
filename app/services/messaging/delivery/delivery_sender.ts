import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import config from '@adonisjs/core/services/config'
import Message from '#models/messaging/message'
import channelRegistry from '#services/platform/channel_registry'
import emitter from '@adonisjs/core/services/emitter'
import DeliveryJobs, { type SendJobData } from '#services/messaging/delivery/delivery_jobs'
import AlertLinks from '#services/messaging/alert_links'
import MessageCompletion from '#services/messaging/delivery/message_completion'
import DeliveryRules from '#services/messaging/delivery/delivery_rules'
import ChannelRateLimit from '#services/messaging/delivery/channel_rate_limit'
import MessageDispatcher from '#services/messaging/delivery/message_dispatcher'
import MessageVariants from '#services/messaging/message_variants'
import SuspensionHold from '#services/messaging/delivery/suspension_hold'
import { sqlTime } from '#services/platform/sql_time'
import type { Channel, DeliveryOutcome, OutgoingDelivery } from '#contracts/channel'
import { withoutContacts } from '#services/platform/contact_redaction'

export type { SendJobData } from '#services/messaging/delivery/delivery_jobs'

export const MAX_ATTEMPTS = 5

interface ClaimedRow {
  id: number
  attempts: number
  subscriberId: number
  name: string
  email: string | null
  phone: string | null
  landline: string | null
  language: string
  status: string
  priorityThreshold: number
}

/**
 * Claims a batch of pending deliveries, hands them to their channel and
 * writes each outcome to the ledger. A claim is an update guarded by the
 * status, so two workers never send the same row.
 */
export default class DeliverySender {
  static async send({ messageId, channel: channelId, deliveryIds }: SendJobData) {
    const message = await Message.query().where('id', messageId).preload('organisation').first()
    // A paused or cancelled message leaves its rows pending in the ledger; resume enqueues them again.
    if (!message || message.status !== 'sending') return
    if (await SuspensionHold.holdIfSuspended(message)) return

    const channel = channelRegistry.get(channelId)
    if (!channel) {
      const reason = `The ${channelId} channel is not available`
      const pending = await db
        .from('deliveries')
        .whereIn('id', deliveryIds)
        .where('message_id', messageId)
        .where('channel', channelId)
        .where('status', 'pending')
        .select('id')
      const ids = pending.map((row) => Number(row.id))
      if (ids.length > 0) {
        await db
          .from('deliveries')
          .whereIn('id', ids)
          .where('status', 'pending')
          .update({ status: 'failed', error: reason, updated_at: sqlTime() })
      }
      for (const deliveryId of ids) {
        await emitter.emit('delivery:failed', {
          deliveryId,
          alertId: messageId,
          channel: channelId,
          reason,
          permanent: false,
        })
      }
      await MessageCompletion.closeIfFinished(messageId)
      return
    }

    const claimToken = randomUUID()
    const rows = await this.#claim(claimToken, messageId, channelId, deliveryIds)
    if (rows.length === 0) return

    try {
      const sendable = await this.#applyResidentRules(message, channelId, rows)
      if (sendable.length > 0) await this.#deliver(message, channel, sendable)
    } catch (error) {
      // Nothing may stay claimed after an unexpected failure: the rows go back to pending and are tried again.
      await this.#release(claimToken, messageId, channelId, error as Error)
      throw error
    }
    await MessageCompletion.closeIfFinished(messageId)
  }

  static async #claim(
    claimToken: string,
    messageId: number,
    channelId: string,
    deliveryIds: number[]
  ) {
    const now = sqlTime()
    await db
      .from('deliveries')
      .whereIn('id', deliveryIds)
      .where('message_id', messageId)
      .where('channel', channelId)
      .where('status', 'pending')
      .where((query) => query.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', now))
      .update({
        status: 'sending',
        claim_token: claimToken,
        claimed_at: now,
        attempts: db.raw('attempts + 1'),
        updated_at: now,
      })

    const rows = await db
      .from('deliveries')
      .join('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
      .where('deliveries.claim_token', claimToken)
      .select(
        'deliveries.id',
        'deliveries.attempts',
        'subscribers.id as subscriber_id',
        'subscribers.name',
        'subscribers.email',
        'subscribers.email_bounced_at',
        'subscribers.phone',
        'subscribers.landline',
        'subscribers.language',
        'subscribers.status',
        'subscribers.priority_threshold'
      )
    return rows.map((row): ClaimedRow => ({
      id: Number(row.id),
      attempts: Number(row.attempts),
      subscriberId: Number(row.subscriber_id),
      name: row.name,
      email: row.email_bounced_at ? null : row.email,
      phone: row.phone,
      landline: row.landline,
      language: row.language,
      status: row.status,
      priorityThreshold: Number(row.priority_threshold),
    }))
  }

  /** The resident's rules at send time win over what was true at dispatch. */
  static async #applyResidentRules(message: Message, channelId: string, rows: ClaimedRow[]) {
    const decisions = await DeliveryRules.decide(message, channelId, rows)
    const now = sqlTime()
    const sendable: ClaimedRow[] = []
    const laterByTime = new Map<string, number[]>()
    for (const row of rows) {
      const decision = decisions.get(row.subscriberId)!
      if (decision.action === 'send') {
        sendable.push(row)
      } else if (decision.action === 'skip') {
        await db
          .from('deliveries')
          .where('id', row.id)
          .update({ status: 'skipped', error: decision.reason, claim_token: null, updated_at: now })
      } else {
        const at = decision.at.toUTC().toISO()!
        const ids = laterByTime.get(at)
        if (ids) ids.push(row.id)
        else laterByTime.set(at, [row.id])
      }
    }
    for (const [at, ids] of laterByTime) {
      await db
        .from('deliveries')
        .whereIn('id', ids)
        .update({
          status: 'pending',
          claim_token: null,
          next_attempt_at: sqlTime(new Date(at)),
          attempts: db.raw('attempts - 1'),
          updated_at: now,
        })
      await DeliveryJobs.sendLater(message.id, channelId, ids, new Date(at))
    }
    return sendable
  }

  static async #deliver(message: Message, channel: Channel, rows: ClaimedRow[]) {
    const variants = await MessageVariants.forSending(message, channel)
    const senderName = message.organisation.senderName || message.organisation.name
    const batch: OutgoingDelivery[] = rows.map((row) => ({
      // Rendered before dispatch, once per channel and language; only the recipient's tokens change.
      ...MessageVariants.pick(variants, channel.id, row.language)!,
      senderName,
      deliveryId: row.id,
      recipient: {
        subscriberId: row.subscriberId,
        name: row.name,
        email: row.email,
        phone: row.phone,
        landline: row.landline,
        language: row.language,
      },
      message: {
        id: message.id,
        title: message.title,
        body: message.body,
        priority: message.priority,
        priorityLabel: message.priorityLabel,
        organisationName: message.organisation.name,
      },
      unsubscribeUrl: AlertLinks.unsubscribePage(row.subscriberId),
      oneClickUnsubscribeUrl: AlertLinks.oneClickUnsubscribe(row.subscriberId),
    }))

    for (let index = 0; index < batch.length; index++) {
      await ChannelRateLimit.take(channel.id, channel.limits.ratePerSecond)
    }
    const outcomes = await channel.send(batch)
    const rowById = new Map(rows.map((row) => [row.id, row]))
    await this.#record(message, channel, outcomes, rowById)
  }

  static async #record(
    message: Message,
    channel: Channel,
    outcomes: DeliveryOutcome[],
    rowById: Map<number, ClaimedRow>
  ) {
    const now = sqlTime()
    const sent = outcomes.filter((outcome) => outcome.status === 'sent')
    await this.#markSent(sent, now)

    for (const outcome of outcomes) {
      if (outcome.status === 'sent') continue
      const row = rowById.get(outcome.deliveryId)
      const attempts = row?.attempts ?? MAX_ATTEMPTS
      if (outcome.status === 'retry' && attempts < MAX_ATTEMPTS) {
        // Exponential backoff: 10 s, 20 s, 40 s, 80 s by default.
        const base = config.get<number>('beacon.delivery.retryBaseSeconds')
        const delaySeconds = outcome.retryAfterSeconds ?? base * 2 ** (attempts - 1)
        const at = new Date(Date.now() + delaySeconds * 1000)
        await db
          .from('deliveries')
          .where('id', outcome.deliveryId)
          .update({
            status: 'pending',
            next_attempt_at: sqlTime(at),
            error: withoutContacts(outcome.reason),
            claim_token: null,
            updated_at: now,
          })
        await DeliveryJobs.sendLater(message.id, channel.id, [outcome.deliveryId], at)
        continue
      }

      const reason =
        outcome.status === 'retry'
          ? `Gave up after ${attempts} attempts: ${outcome.reason}`
          : outcome.reason
      const error = withoutContacts(reason).slice(0, 500)
      await db
        .from('deliveries')
        .where('id', outcome.deliveryId)
        .update({ status: 'failed', error, claim_token: null, updated_at: now })
      await emitter.emit('delivery:failed', {
        deliveryId: outcome.deliveryId,
        alertId: message.id,
        channel: channel.id,
        reason: error,
        permanent: outcome.status === 'failed' && outcome.permanent,
      })

      if (outcome.status === 'failed' && outcome.invalidContact && row) {
        await channel.markInvalid?.(row.subscriberId)
        await MessageDispatcher.reachOnOtherChannels(message, row.subscriberId, channel.id)
      }
    }
  }

  /** One statement for the whole batch: each row still gets its own provider id. */
  static async #markSent(
    sent: Array<Extract<DeliveryOutcome, { status: 'sent' }>>,
    now: ReturnType<typeof sqlTime>
  ) {
    if (sent.length === 0) return
    const cases = sent.map(() => 'when ? then ?').join(' ')
    const bindings = sent.flatMap((outcome) => [outcome.deliveryId, outcome.providerId])
    await db
      .from('deliveries')
      .whereIn(
        'id',
        sent.map((outcome) => outcome.deliveryId)
      )
      .update({
        status: 'sent',
        provider_id: db.raw(`case id ${cases} end`, bindings),
        sent_at: now,
        error: null,
        updated_at: now,
      })
  }

  static async #release(claimToken: string, messageId: number, channelId: string, error: Error) {
    const at = new Date(Date.now() + 30_000)
    const ids = await db
      .from('deliveries')
      .where('claim_token', claimToken)
      .where('status', 'sending')
      .select('id')
    if (ids.length === 0) return
    await db
      .from('deliveries')
      .whereIn(
        'id',
        ids.map((row) => row.id)
      )
      .update({
        status: 'pending',
        claim_token: null,
        next_attempt_at: sqlTime(at),
        error: withoutContacts(error.message).slice(0, 480),
      })
    await DeliveryJobs.sendLater(
      messageId,
      channelId,
      ids.map((row) => Number(row.id)),
      at
    )
  }
}
