import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type Alert from '#models/messaging/alert'
import DeliveryJobs from '#services/messaging/delivery/delivery_jobs'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import type { ClaimedRow } from '#services/messaging/delivery/delivery_claims'
import type { Channel, DeliveryOutcome } from '#contracts/channel'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { withoutContacts } from '#services/platform/infrastructure/contact_redaction'
import { retryAt } from '#services/messaging/delivery/retry_backoff'
import ContactSuppression from '#services/messaging/delivery/contact_suppression'
import AlertAcceptances, { STILL_IN_FLIGHT } from '#services/messaging/delivery/alert_acceptances'

export const MAX_ATTEMPTS = 5

/**
 * Writes what the channel answered for each delivery to the ledger: sent
 * (with the provider's id), tried again later with backoff, or failed for
 * good (raising `delivery:failed`; a dead address is marked and the resident
 * is tried on their other channels).
 */
export default class DeliveryOutcomes {
  static async record(
    alert: Alert,
    channel: Channel,
    outcomes: DeliveryOutcome[],
    rowById: Map<number, ClaimedRow>
  ) {
    const now = sqlTime()
    // Usually accepted one by one as the channel reported them; a channel that only returns its batch is recorded here.
    const sent = outcomes.filter((outcome) => outcome.status === 'sent')
    for (const outcome of sent) AlertAcceptances.accept(outcome.deliveryId, outcome.providerId)
    await AlertAcceptances.settle(sent.map((outcome) => outcome.deliveryId))

    for (const outcome of outcomes) {
      if (outcome.status === 'sent') continue
      const row = rowById.get(outcome.deliveryId)
      const attempts = row?.attempts ?? MAX_ATTEMPTS
      if (outcome.status === 'retry' && attempts < MAX_ATTEMPTS) {
        const at = retryAt(attempts, outcome.retryAfterSeconds)
        await db
          .from('deliveries')
          .where('id', outcome.deliveryId)
          .whereIn('status', STILL_IN_FLIGHT)
          .update({
            status: 'pending',
            next_attempt_at: sqlTime(at),
            error: withoutContacts(outcome.reason),
            claim_token: null,
            updated_at: now,
          })
        await DeliveryJobs.sendLater(alert.id, channel.id, [outcome.deliveryId], at)
        continue
      }

      const reason =
        outcome.status === 'retry'
          ? `Gave up after ${attempts} attempts: ${outcome.reason}`
          : outcome.reason
      const error = withoutContacts(reason).slice(0, 500)
      const failed = await db
        .from('deliveries')
        .where('id', outcome.deliveryId)
        .whereIn('status', STILL_IN_FLIGHT)
        .update({ status: 'failed', error, claim_token: null, updated_at: now })
      // Another worker already recorded this delivery (after a reclaim): its outcome stands.
      if (Number(Array.isArray(failed) ? failed[0] : failed) === 0) continue
      await emitter.emit('delivery:failed', {
        deliveryId: outcome.deliveryId,
        alertId: alert.id,
        channel: channel.id,
        reason: error,
        permanent: outcome.status === 'failed' && outcome.permanent,
      })

      if (outcome.status === 'failed' && outcome.invalidContact && row) {
        await ContactSuppression.suppress(channel, row.residentId)
        await AlertDispatcher.reachOnOtherChannels(alert, row.residentId, channel.id)
      }
    }
  }

  /** Deliveries that will not go because their channel is gone: failed, with the reason. */
  static async channelGone(alertId: number, channelId: string, deliveryIds: number[]) {
    const reason = `The ${channelId} channel is not available`
    const pending = await db
      .from('deliveries')
      .whereIn('id', deliveryIds)
      .where('alert_id', alertId)
      .where('channel', channelId)
      .where('status', 'pending')
      .select('id')
    const ids = pending.map((row) => Number(row.id))
    if (ids.length === 0) return
    await db
      .from('deliveries')
      .whereIn('id', ids)
      .where('status', 'pending')
      .update({ status: 'failed', error: reason, updated_at: sqlTime() })
    for (const deliveryId of ids) {
      await emitter.emit('delivery:failed', {
        deliveryId,
        alertId: alertId,
        channel: channelId,
        reason,
        permanent: false,
      })
    }
  }
}
