import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type { DeliveryReceipt, DeliveryReceipts, ReceiptOutcome } from '#contracts/receipts'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { withoutContacts } from '#services/platform/infrastructure/contact_redaction'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import ContactSuppression from '#services/messaging/delivery/contact_suppression'

/**
 * A provider's receipt for a delivery, found by (channel, provider_id). Only
 * a delivery still `sent` moves, to `delivered` or `failed`: the update is
 * guarded by the status, so a duplicate, a late receipt after the other
 * outcome, or two arriving at once change it at most once and raise one
 * event. A permanent failure suppresses the contact even when the delivery
 * had already moved on: the provider's word on the contact still holds.
 */
class ReceiptLedger implements DeliveryReceipts {
  async record(receipt: DeliveryReceipt): Promise<ReceiptOutcome> {
    const query = db
      .from('deliveries')
      .where('deliveries.channel', receipt.channel)
      .where('deliveries.provider_id', receipt.providerId)
    if (receipt.organisationId !== undefined) {
      query
        .join('alerts', 'alerts.id', 'deliveries.alert_id')
        .where('alerts.organisation_id', receipt.organisationId)
    }
    const delivery = await query
      .orderBy('deliveries.id')
      .select('deliveries.id', 'deliveries.alert_id', 'deliveries.resident_id', 'deliveries.status')
      .first()
    if (!delivery) return { matched: false }
    const deliveryId = Number(delivery.id)
    const alertId = Number(delivery.alert_id)

    const changed =
      receipt.status === 'delivered'
        ? await this.#move(deliveryId, { status: 'delivered' })
        : await this.#move(deliveryId, {
            status: 'failed',
            error: withoutContacts(this.#reason(receipt)).slice(0, 500),
          })

    if (changed && receipt.status === 'delivered') {
      await emitter.emit('delivery:delivered', { deliveryId, alertId, channel: receipt.channel })
    } else if (changed) {
      await emitter.emit('delivery:failed', {
        deliveryId,
        alertId,
        channel: receipt.channel,
        reason: this.#reason(receipt),
        permanent: Boolean(receipt.permanent),
      })
    }

    const channel = channelRegistry.registered(receipt.channel)
    if (receipt.status === 'failed' && receipt.permanent && channel && delivery.resident_id) {
      await ContactSuppression.suppress(channel, Number(delivery.resident_id), receipt.contactId)
    }

    const current = changed
      ? null
      : await db.from('deliveries').where('id', deliveryId).select('status').first()
    const status = changed ? receipt.status : String(current?.status ?? delivery.status)
    return { matched: true, deliveryId, status, changed }
  }

  async #move(deliveryId: number, values: Record<string, string>) {
    const updated = await db
      .from('deliveries')
      .where('id', deliveryId)
      .where('status', 'sent')
      .update({ ...values, updated_at: sqlTime() })
    return Number(updated) > 0
  }

  #reason(receipt: DeliveryReceipt) {
    if (receipt.reason) return receipt.reason
    return receipt.permanent
      ? 'The provider reported that the contact no longer works'
      : 'The provider reported that it could not deliver this'
  }
}

const DeliveryReceiptLedger = new ReceiptLedger()
export default DeliveryReceiptLedger
