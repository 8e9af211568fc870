import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import organisationChannelRegistry from '#services/platform/plugins/organisation_channel_registry'
import { renderableAlert } from '#services/messaging/alert_rendering'
import { categoryLabel } from '#services/messaging/alert_categories'
import DeliveryJobs, { type TargetJobData } from '#services/messaging/delivery/delivery_jobs'
import { retryAt } from '#services/messaging/delivery/retry_backoff'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'
import type { OrganisationAlert, TargetOutcome } from '#contracts/organisation_channel'

/** With the default 10 s base: 10 s, 20 s, 40 s… about 21 minutes in all before giving up. */
export const TARGET_MAX_ATTEMPTS = 8

/** The statuses of an alert whose target deliveries go out: still sending to residents, or done. */
export const TARGET_SENDING_STATUSES = ['sending', 'sent']

/**
 * Sends one target delivery (an alert to one webhook URL): claims the row with
 * an update guarded by its status, hands it to its organisation channel and
 * writes the outcome. A temporary failure is retried with exponential backoff.
 */
export default class TargetSender {
  static async send({ targetDeliveryId }: TargetJobData) {
    const row = await db.from('target_deliveries').where('id', targetDeliveryId).first()
    if (!row || row.status !== 'pending') return
    const alert = await Alert.query()
      .where('id', row.alert_id)
      .preload('organisation')
      .preload('cosignerOrganisation')
      .first()
    if (!alert) return
    if (alert.status === 'cancelled') {
      await this.#finish(row.id, 'pending', {
        status: 'cancelled',
        error: 'The alert was cancelled',
      })
      return
    }
    // A paused alert or a suspended organisation leaves the row pending: the sweeper takes it up again.
    if (!TARGET_SENDING_STATUSES.includes(alert.status)) return
    if (alert.organisation.suspendedAt) return

    const channel = organisationChannelRegistry.get(row.channel, alert.organisationId)
    if (!channel) {
      await this.#finish(row.id, 'pending', {
        status: 'failed',
        error: `The ${organisationChannelRegistry.label(row.channel)} channel is no longer enabled`,
      })
      return
    }

    const claimToken = randomUUID()
    const now = sqlTime()
    const claimed = await db
      .from('target_deliveries')
      .where('id', row.id)
      .where('status', 'pending')
      .where((query) => query.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', now))
      .update({
        status: 'sending',
        claim_token: claimToken,
        claimed_at: now,
        attempts: db.raw('attempts + 1'),
        updated_at: now,
      })
    if (Number(claimed) === 0) {
      // bee-queue raises a delayed job up to a second early: the row is not due yet, so its job waits again.
      const due = fromStoredTime(row.next_attempt_at)
      if (due && due.toMillis() > Date.now())
        await DeliveryJobs.sendToTargets([Number(row.id)], due.toJSDate())
      return
    }
    const attempt = Number(row.attempts) + 1

    let outcome: TargetOutcome
    try {
      outcome = await channel.send({
        deliveryId: Number(row.id),
        idempotencyKey: row.idempotency_key,
        attempt,
        organisationId: alert.organisationId,
        target: { key: row.target_key, label: row.target_label },
        alert: this.#alertOf(alert),
      })
    } catch (error) {
      outcome = { status: 'retry', reason: (error as Error).message || 'The channel failed' }
    }
    await this.#record(Number(row.id), attempt, outcome)
  }

  static #alertOf(alert: Alert): OrganisationAlert {
    const sentAt = alert.sendRequestedAt ?? alert.dispatchedAt ?? DateTime.now()
    return {
      ...renderableAlert(alert),
      organisationId: alert.organisationId,
      category: alert.category,
      categoryLabel: categoryLabel(alert.category),
      sentAt: sentAt.toUTC().toISO()!,
    }
  }

  static async #record(id: number, attempt: number, outcome: TargetOutcome) {
    if (outcome.status === 'sent') {
      await this.#finish(id, 'sending', {
        status: 'sent',
        provider_id: outcome.providerId?.slice(0, 255) ?? null,
        sent_at: sqlTime(),
        error: null,
      })
      return
    }
    if (outcome.status === 'retry' && attempt < TARGET_MAX_ATTEMPTS) {
      const at = retryAt(attempt, outcome.retryAfterSeconds)
      await this.#finish(id, 'sending', {
        status: 'pending',
        next_attempt_at: sqlTime(at),
        error: outcome.reason.slice(0, 500),
      })
      await DeliveryJobs.sendToTargets([id], at)
      return
    }
    const reason =
      outcome.status === 'retry'
        ? `Gave up after ${attempt} attempts: ${outcome.reason}`
        : outcome.reason
    await this.#finish(id, 'sending', { status: 'failed', error: reason.slice(0, 500) })
  }

  /** Moves a row on from the status it was expected to have; a row another worker moved first is left alone. */
  static async #finish(id: number, expected: string, changes: Record<string, unknown>) {
    await db
      .from('target_deliveries')
      .where('id', id)
      .where('status', expected)
      .update({ ...changes, claim_token: null, updated_at: sqlTime() })
  }
}
