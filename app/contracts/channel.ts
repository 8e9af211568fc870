/**
 * The Channel contract: how an alert reaches a resident. Email is the core's
 * own channel; plugins add others (SMS, voice, push) by registering an
 * implementation with the channel registry.
 */

export interface ChannelRecipient {
  subscriberId: number
  name: string
  /** Null when there is none, or when it bounced. */
  email: string | null
  phone: string | null
  landline: string | null
  language: string
}

/**
 * What a send job hands to a channel: one delivery row, the rendered alert
 * and the per-recipient tokens (the unsubscribe link).
 */
export interface OutgoingDelivery {
  deliveryId: number
  recipient: ChannelRecipient
  message: {
    id: number
    title: string
    body: string
    priority: number
    priorityLabel: string
    organisationName: string
  }
  unsubscribeUrl: string
  oneClickUnsubscribeUrl: string
}

export type DeliveryOutcome =
  | { deliveryId: number; status: 'sent'; providerId: string }
  | { deliveryId: number; status: 'retry'; reason: string; retryAfterSeconds?: number }
  | {
      deliveryId: number
      status: 'failed'
      reason: string
      permanent: boolean
      /** The address itself is dead (a hard bounce): it is not used again. */
      invalidContact?: boolean
    }

export type ChannelReadiness = { ready: true } | { ready: false; reason: string }

export interface ChannelLimits {
  /** Longest text the channel can carry; null for no practical limit. */
  maxTextLength: number | null
  supportsHtml: boolean
  /** How many deliveries one send job hands to the channel at once. */
  batchSize: number
  /** How many send jobs of this channel one worker process runs at once. */
  concurrency: number
  /** The most messages a second across every worker, or null for no limit. */
  ratePerSecond: number | null
}

export interface Channel {
  readonly id: string
  readonly label: string
  readonly limits: ChannelLimits

  /** Whether the channel is configured and its provider answers; if not, why, in words for staff. */
  isReady(): Promise<ChannelReadiness>

  /** The contact this channel uses for a recipient, or null when it cannot reach them. */
  addressOf(recipient: ChannelRecipient): string | null

  /** Marks the recipient's contact for this channel as dead after a hard bounce. */
  markInvalid?(subscriberId: number): Promise<void>

  send(batch: OutgoingDelivery[]): Promise<DeliveryOutcome[]>
}
