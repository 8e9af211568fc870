import type { VerifiableContactKind } from '#contracts/verification'

/**
 * What a channel plugin may ask about residents when a provider writes back
 * on their behalf (a text reply, "STOP"): who holds a number, switching the
 * channel off for them, and which alert they are answering. Used as
 * `context.residents`.
 */
export interface AlertAnswered {
  deliveryId: number
  /** The alert the resident most recently received on the channel. */
  alertId: number
  organisationId: number
  sentAt: Date
}

export interface ResidentLookup {
  /** Residents (not erased) whose record holds this number (E.164) as this kind, oldest first. */
  holdersOf(kind: VerifiableContactKind, number: string): Promise<number[]>
  /**
   * The resident asked the provider to stop (replied STOP): the channel is
   * switched off for them at once, as if they had done it on their
   * preferences page, and their pending deliveries on it are skipped.
   */
  stopChannel(residentId: number, channelId: string): Promise<void>
  /** The latest delivery sent to the resident on the channel, or null. */
  lastDelivery(residentId: number, channelId: string): Promise<AlertAnswered | null>
}

// --- Numbers and titles (added with plugins/voice calls to mobiles and plugins/sms replies) ---

/** A resident's numbers that receive alerts: verified by a code and working, in E.164; null when none. */
export interface ResidentNumbers {
  mobile: string | null
  landline: string | null
}

export interface ResidentLookup {
  /** The resident's working, verified numbers (a choice offered only to those with a mobile, say). */
  numbersOf(residentId: number): Promise<ResidentNumbers>
  /** The titles of these alerts, by id (an id with no alert is absent): which alert a reply answers. */
  alertTitles(alertIds: number[]): Promise<Map<number, string>>
}

// --- Languages (added with plugins/translation) ---

export interface ResidentLanguageCount {
  /** The code stored on residents ("pl"). */
  language: string
  residents: number
}

export interface ResidentLookup {
  /**
   * The languages other than English chosen by the organisation's residents
   * (active, consenting to it), with how many chose each, most first: which
   * translations the composer shows before an alert's audience is known.
   */
  languagesOf(organisationId: number): Promise<ResidentLanguageCount[]>
}
