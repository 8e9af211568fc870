/**
 * The Channel contract: how an alert reaches a resident. Email is the core's
 * own channel; plugins add others (SMS, voice, push) by registering an
 * implementation with the channel registry.
 */

import type { ContactKind } from '#contracts/contacts'
import type { AlertFixedTexts } from '#contracts/alert_hooks'

export interface ChannelRecipient {
  residentId: number
  name: string
  /** Null when there is none, or when it bounced. */
  email: string | null
  phone: string | null
  landline: string | null
  language: string
}

/**
 * Stand-ins for what differs between recipients. A variant is rendered once
 * per alert, channel and language with these in it; the channel replaces
 * them for each recipient when it sends.
 */
export const RECIPIENT_TOKENS = {
  name: '%%RECIPIENT_NAME%%',
  unsubscribeUrl: '%%UNSUBSCRIBE_URL%%',
} as const

/** How the sending organisation presents itself. */
export interface AlertBranding {
  organisationName: string
  /** The name residents see as the sender (an email's From name). */
  senderName: string
  /** "#rrggbb", dark enough for white text on it. */
  colour: string
  /** Plain text shown at the end of every alert, or null. */
  footer: string | null
  /** An absolute address of the organisation's logo, or null. */
  logoUrl: string | null
}

/**
 * The alert in one language, as a channel renders it. The body comes three
 * ways: the sender's Markdown, sanitised HTML (a safe subset) and plain text.
 */
export interface RenderableAlert {
  id: number
  title: string
  bodyMarkdown: string
  bodyHtml: string
  bodyText: string
  priority: number
  priorityLabel: string
  branding: AlertBranding
  /** The alert's public page when it is published, else null. */
  publicUrl: string | null
  /** Where a resident reads the alerts they received. */
  alertsUrl: string
  /**
   * The fixed words around the alert (greeting, footer) in the variant's
   * language; English unless a translation gave them (ALERT_FIXED_TEXTS in
   * #contracts/alert_hooks). Optional for
   * channels' own tests; the core always sets it.
   */
  texts?: AlertFixedTexts
  /** How the variant's language is written: 'rtl' for Urdu or Arabic. Set `dir` from it. */
  direction?: 'ltr' | 'rtl'
  /**
   * The alert's public reference code, which anyone checks at /verify to tell it
   * from an impersonation. Given when the send starts: absent or null in previews
   * and test sends of drafts.
   */
  verification?: AlertVerificationCode | null
}

export interface AlertVerificationCode {
  /** As residents read it, e.g. "K7Q4-M2XD". */
  code: string
  /** The check page with the code filled in (what the email's QR code opens). */
  url: string
  /** The check page as people type it: the install's host and "/verify". */
  pageLabel: string
  /** A PNG QR code of `url`, the same for every recipient. */
  qrUrl: string
}

/**
 * One rendering of an alert for a channel and language, stored before the
 * audience is walked and shared by every recipient. It may contain the
 * RECIPIENT_TOKENS placeholders.
 */
export interface ChannelVariant {
  /** An email's subject or a push notification's title. */
  subject?: string
  html?: string
  text: string
  /** The address a push notification opens. */
  url?: string
}

/**
 * What a send job hands to a channel: one delivery row, the pre-rendered
 * variant for the recipient's language and the per-recipient tokens.
 */
export interface OutgoingDelivery {
  deliveryId: number
  recipient: ChannelRecipient
  alert: {
    id: number
    title: string
    body: string
    priority: number
    priorityLabel: string
    organisationName: string
    /** The sending organisation (for a channel that counts its spending per organisation). */
    organisationId: number
  }
  /** Rendered by this channel's render(); only the RECIPIENT_TOKENS are left to replace. */
  variant: ChannelVariant
  /** The language the variant is in (the recipient's, or the default when there is no translation). */
  language: string
  /** The organisation's sender name, for channels that show one. */
  senderName: string
  unsubscribeUrl: string
  oneClickUnsubscribeUrl: string
  /**
   * Whether the organisation tracks opens and clicks and this resident has
   * not declined it. Only the core's email channel acts on it; left out, nothing is tracked.
   */
  tracked?: boolean
  /**
   * A short address (`<APP_URL>/r/<10 characters>`) where this recipient rates the alert,
   * for a channel without room for the email's footer links: a text's last line, a push
   * notification's action. Given only to channels with `usesShortLinks`, and not in test
   * sends (null or absent).
   */
  ratingUrl?: string | null
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

/** What the composer asks a paid channel before an alert is sent. */
export interface CostEstimateRequest {
  organisationId: number
  /** The alert rendered by this channel, in the default language. */
  variant: ChannelVariant
  /** How many residents the alert would reach on this channel. */
  recipients: number
  /** The variant's text in text-message parts (160 GSM-7 characters, 70 UCS-2; fewer each once split). */
  textParts: { encoding: 'GSM-7' | 'UCS-2'; parts: number }
}

export interface ChannelCostEstimate {
  /** The whole send, in pence. */
  totalPence: number
  /** How it was reckoned, in words for staff: "2 parts a message (GSM-7) at 2p a part". */
  basis: string
  /** The organisation's monthly limit on this channel, when it set one, and what this month's sends cost so far. */
  monthlyLimit?: { limitPence: number; spentPence: number } | null
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
  /**
   * The contact the channel needs (see #contracts/contacts). A list means
   * any of them (a voice call to a landline or a mobile). The audience is
   * counted and picked by it: a resident without a working contact of this
   * kind is not offered the channel.
   */
  readonly contact: ContactKind | readonly ContactKind[]
  /**
   * The channel puts short links in its messages (OutgoingDelivery.ratingUrl): the core
   * makes one per recipient and alert when it sends. Leave it out if the channel has
   * room for full addresses or no links at all.
   */
  readonly usesShortLinks?: boolean

  /** Whether the channel is configured and its provider answers; if not, why, in words for staff. */
  isReady(): Promise<ChannelReadiness>

  /**
   * The contact this channel uses for a recipient, or null when it cannot
   * reach them. The core picks residents by `contact`, not by this; a
   * channel whose contacts live in resident_contacts reads them in send()
   * through `context.contacts.list(recipient.residentId, { kind })`.
   */
  addressOf(recipient: ChannelRecipient): string | null

  /**
   * Renders the alert once for a language. Called before any delivery is
   * made, never per recipient: leave RECIPIENT_TOKENS in place for send().
   */
  render(message: RenderableAlert, language: string): Promise<ChannelVariant>

  /**
   * Marks the recipient's contact for this channel as dead after a hard
   * bounce. Optional: without it the core suppresses the contact the
   * channel declared (the email address, the number, every contact of a
   * plugin-defined kind).
   */
  markInvalid?(residentId: number): Promise<void>

  /**
   * Sends a batch and returns every delivery's outcome. `report`, when given, takes
   * each outcome as soon as it is known (the provider accepted one message): the
   * core records an acceptance at once instead of when the whole batch is done, so
   * a worker that dies mid-batch sends again only what was in flight. Calling it
   * is optional (an outcome reported and returned is recorded once).
   *
   * Also called by "Send a test to me" (Settings → Channels) with one
   * delivery whose deliveryId is 0 and which is in no ledger: keep no state
   * for it. Its recipient is the member of staff (residentId 0 unless a
   * resident has their email address).
   * The alert's page has a "Send a test to me" too (email only): its
   * delivery, also deliveryId 0, carries the real alert's id and words.
   */
  send(
    batch: OutgoingDelivery[],
    report?: (outcome: DeliveryOutcome) => void
  ): Promise<DeliveryOutcome[]>

  /**
   * Optional, for channels that cost money per alert: the estimated cost
   * of sending the alert to `recipients` residents, shown to staff before
   * they send. Null when it cannot say (no price set).
   */
  estimateCost?(request: CostEstimateRequest): Promise<ChannelCostEstimate | null>
}
