import { randomUUID } from 'node:crypto'
import type Alert from '#models/messaging/alert'
import SendingAlerts from '#services/messaging/delivery/sending_alerts'
import channelRegistry from '#services/platform/plugins/channel_registry'
import type { SendJobData } from '#services/messaging/delivery/delivery_jobs'
import AlertLinks from '#services/messaging/alert_links'
import AlertCompletion from '#services/messaging/delivery/alert_completion'
import ChannelRateLimit from '#services/messaging/delivery/channel_rate_limit'
import AlertVariants from '#services/messaging/alert_variants'
import SuspensionHold from '#services/messaging/delivery/suspension_hold'
import DeliveryClaims, { type ClaimedRow } from '#services/messaging/delivery/delivery_claims'
import DeliveryOutcomes from '#services/messaging/delivery/delivery_outcomes'
import { applySendTimeRules } from '#services/messaging/delivery/send_time_rules'
import type { Channel, DeliveryOutcome, OutgoingDelivery } from '#contracts/channel'
import AlertAcceptances from '#services/messaging/delivery/alert_acceptances'
import recipientShortLinks from '#services/messaging/delivery/recipient_short_links'

export type { SendJobData } from '#services/messaging/delivery/delivery_jobs'
export { MAX_ATTEMPTS } from '#services/messaging/delivery/delivery_outcomes'

/**
 * The send job's work: claims a batch of pending deliveries
 * (DeliveryClaims), applies the resident's rules at send time, hands the rest
 * to their channel and writes each outcome to the ledger (DeliveryOutcomes).
 */
export default class DeliverySender {
  static async send(data: SendJobData) {
    await AlertCompletion.afterSendJob(data.alertId, () => this.#send(data))
  }

  /** Answers whether the alert may have finished with this job (it then asks AlertCompletion). */
  static async #send({ alertId, channel: channelId, deliveryIds }: SendJobData) {
    // Its status read fresh for every job; the alert and organisations loaded again only when changed.
    const alert = await SendingAlerts.current(alertId)
    // A paused or cancelled alert leaves its rows pending in the ledger; resume enqueues them again.
    if (!alert || alert.status !== 'sending') return false
    if (await SuspensionHold.holdIfSuspended(alert)) return false

    const channel = channelRegistry.get(channelId, alert.organisationId)
    if (!channel) {
      await DeliveryOutcomes.channelGone(alertId, channelId, deliveryIds)
      return true
    }

    const claimToken = randomUUID()
    // A job run again (stalled, reclaimed) skips what this process has accepted and not yet written.
    const unsent = deliveryIds.filter((id) => !AlertAcceptances.holds(id))
    if (unsent.length === 0) return false
    const rows = await DeliveryClaims.claim(claimToken, alert, channelId, unsent)
    if (rows.length === 0) return false

    const claimed = rows.map((row) => row.id)
    const stopRefreshing = DeliveryClaims.keepFresh(claimToken, claimed)
    try {
      const sendable = await applySendTimeRules(alert, channelId, rows)
      if (sendable.length > 0) await this.#deliver(alert, channel, sendable)
    } catch (error) {
      // Nothing may stay claimed after an unexpected failure: the rows go back to pending and are tried again.
      await DeliveryClaims.release(claimToken, claimed, alertId, channelId, error as Error)
      throw error
    } finally {
      stopRefreshing()
    }
    return true
  }

  static async #deliver(alert: Alert, channel: Channel, rows: ClaimedRow[]) {
    const variants = await AlertVariants.forSending(alert, channel)
    const senderName = alert.isJoint
      ? alert.fromNames
      : alert.organisation.senderName || alert.organisation.name
    const ratingUrls = channel.usesShortLinks
      ? await recipientShortLinks.rating(
          alert.id,
          rows.map((row) => row.residentId)
        )
      : null
    const batch: OutgoingDelivery[] = rows.map((row) => ({
      // Rendered before dispatch, once per channel and language; only the recipient's tokens change.
      ...AlertVariants.pick(variants, channel.id, row.language)!,
      senderName,
      deliveryId: row.id,
      recipient: {
        residentId: row.residentId,
        name: row.name,
        email: row.email,
        phone: row.phone,
        landline: row.landline,
        language: row.language,
      },
      alert: {
        id: alert.id,
        title: alert.title,
        body: alert.body,
        priority: alert.priority,
        priorityLabel: alert.priorityLabel,
        organisationName: alert.fromNames,
        organisationId: alert.organisationId,
      },
      unsubscribeUrl: AlertLinks.unsubscribePage(row.residentId),
      oneClickUnsubscribeUrl: AlertLinks.oneClickUnsubscribe(row.residentId),
      tracked: alert.organisation.tracksEngagement && !row.declinesTracking,
      ratingUrl: ratingUrls?.get(row.residentId) ?? null,
    }))

    const rowById = new Map(rows.map((row) => [row.id, row]))
    const outcomes = await this.#handOver(channel, batch)
    await DeliveryOutcomes.record(alert, channel, outcomes, rowById)
  }

  /**
   * Hands the batch to the channel as the rate budget allows, and records each
   * acceptance the moment the channel reports it. Whatever fails, nothing is
   * left behind: the acceptances already reported are in the ledger before the
   * error goes up (and the claim is given back), so they are not sent again.
   */
  static async #handOver(channel: Channel, batch: OutgoingDelivery[]) {
    const accepted = new Set<number>()
    const report = (outcome: DeliveryOutcome) => {
      if (outcome.status !== 'sent' || accepted.has(outcome.deliveryId)) return
      accepted.add(outcome.deliveryId)
      AlertAcceptances.accept(outcome.deliveryId, outcome.providerId)
    }
    const handed: Promise<DeliveryOutcome[]>[] = []
    let failure: unknown = null
    try {
      for (let next = 0; next < batch.length;) {
        const granted = await ChannelRateLimit.takeUpTo(
          channel.id,
          channel.limits.ratePerSecond,
          batch.length - next
        )
        handed.push(
          channel.send(batch.slice(next, next + granted), report).then((outcomes) => {
            for (const outcome of outcomes) report(outcome)
            return outcomes
          })
        )
        next += granted
      }
    } catch (error) {
      failure = error
    }
    const settled = await Promise.allSettled(handed)
    await AlertAcceptances.settle(accepted)
    const outcomes: DeliveryOutcome[] = []
    for (const result of settled) {
      if (result.status === 'fulfilled') outcomes.push(...result.value)
      else failure ??= result.reason
    }
    if (failure) throw failure
    return outcomes
  }
}
