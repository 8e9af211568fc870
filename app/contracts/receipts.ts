/**
 * Receipts: a provider's later word on a delivery (a delivery report, a
 * bounce, "subscription gone"), matched to the delivery by the id the
 * channel's send() returned as `providerId`. Plugins record them through
 * `context.receipts.record(...)`, typically from an inbound webhook.
 *
 * A receipt never moves a delivery backwards: only a delivery still `sent`
 * becomes `delivered` or `failed`, so late, repeated and out-of-order
 * receipts are harmless. A permanent failure also suppresses the contact the
 * delivery used (the email address bounced, the number is dead, the push
 * subscription is gone), whatever the delivery's status, so that no later
 * alert uses it.
 */
export interface DeliveryReceipt {
  /** The channel's id, as registered. */
  channel: string
  /** What send() returned as providerId for the delivery. */
  providerId: string
  status: 'delivered' | 'failed'
  /** For a failure: the contact itself no longer works. */
  permanent?: boolean
  /** Words for staff, shown with the failed delivery. */
  reason?: string
  /**
   * For channels whose contact lives in resident_contacts (several per
   * resident): which contact failed. Without it, a permanent failure
   * suppresses every contact of the channel's kind the resident has.
   */
  contactId?: number
  /**
   * The organisation whose account the provider sent from, when provider ids
   * are only unique per account (one account per organisation): the receipt
   * then finds only that organisation's delivery.
   */
  organisationId?: number
}

export type ReceiptOutcome =
  /** No delivery of this channel has that provider id (yet): a provider may try again later. */
  | { matched: false }
  | {
      matched: true
      deliveryId: number
      /** The delivery's status after the receipt. */
      status: string
      /** False when the receipt changed nothing (a duplicate, or the delivery was already final). */
      changed: boolean
    }

export interface DeliveryReceipts {
  record(receipt: DeliveryReceipt): Promise<ReceiptOutcome>
}
