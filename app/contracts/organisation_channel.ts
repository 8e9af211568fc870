import type { RenderableAlert } from '#contracts/channel'

/**
 * Organisation channels: how an alert reaches a place the organisation
 * configured (a webhook URL, a social media account) rather than a resident.
 * A resident channel (channel.ts) makes one delivery per resident; an
 * organisation channel makes one delivery per alert and target. The core
 * keeps these in their own ledger (target_deliveries), sends each one from a
 * job, retries with backoff and shows the outcome on the staff alert page.
 *
 * Registered from a plugin's register() with context.organisationChannel(channel).
 */

/** One place an organisation's alerts go. */
export interface OrganisationTarget {
  /**
   * Stable for as long as the target is configured, unique within the channel
   * and organisation, at most 100 characters (a hash of a URL, an account id).
   * The ledger keys on it: the same alert never goes twice to the same key.
   */
  key: string
  /** What staff see on the alert page: "hooks.example.org". Never a secret or a token. */
  label: string
}

/** The alert as an organisation channel gets it: rendered once, in the default language. */
export interface OrganisationAlert extends RenderableAlert {
  organisationId: number
  /** The category's code ("flooding") and its label, or null when the alert has none. */
  category: string | null
  categoryLabel: string | null
  /** When the sender pressed "send" (or the schedule started it), ISO 8601 in UTC. */
  sentAt: string
}

/** What the send job hands to send(): one delivery to one target, tried once. */
export interface OutgoingTargetDelivery {
  /** The ledger row's id; the same on every attempt. */
  deliveryId: number
  /**
   * Unique to this alert and target and the same on every attempt: a receiver
   * that sees it twice has already had the alert (send it as an idempotency key).
   */
  idempotencyKey: string
  /** 1 on the first try, 2 on the first retry... */
  attempt: number
  organisationId: number
  target: OrganisationTarget
  alert: OrganisationAlert
}

export type TargetOutcome =
  /** Accepted by the receiver; providerId is what it called the delivery, if it said. */
  | { status: 'sent'; providerId?: string }
  /** Worth trying again later (a timeout, a 5xx, a 429); retryAfterSeconds when the receiver said when. */
  | { status: 'retry'; reason: string; retryAfterSeconds?: number }
  /** Will not work however often it is tried (a 404, a refused address). */
  | { status: 'failed'; reason: string }

/** Which alert targets() is asked for (Added with plugins/social: a per-alert opt-out). */
export interface TargetsQuery {
  alertId: number
  /** Whether the alert has a public page (a channel that only shares public alerts skips the others). */
  isPublic: boolean
}

export interface OrganisationChannel {
  /** Lowercase letters, digits and hyphens, at most 30 characters: "webhook". */
  readonly id: string
  /** A plural noun staff read on the alert page: "Webhooks". */
  readonly label: string

  /**
   * Where this organisation's alerts go, asked once when an alert is sent.
   * Return none when the channel is not configured (or not enabled) for it,
   * or when the alert (second argument, always given by the core) is not to go there.
   */
  targets(organisationId: number, alert?: TargetsQuery): Promise<OrganisationTarget[]>

  /**
   * Sends the alert to one target. Reasons are shown to staff: plain English,
   * no secrets. A throw counts as a retry with the error's message.
   */
  send(delivery: OutgoingTargetDelivery): Promise<TargetOutcome>
}
