/**
 * Verifying a phone number: a number on the resident's record receives
 * alerts only once its holder typed back a 6-digit code sent to it. The core
 * makes the code, keeps its hash, counts the tries and decides; a channel
 * plugin delivers the code for the kinds of number it can reach. SMS
 * registers `mobile`; a voice plugin registers `landline` the same way,
 * with one call:
 *
 * @example
 *   context.verification.deliverCodes('landline', {
 *     async deliver({ number, code }) {
 *       const answer = await calls.create({ to: number, twiml: sayCode(code) })
 *       return answer.ok ? { delivered: true } : { delivered: false, reason: 'The call could not be made' }
 *     },
 *   })
 *
 * A deliverer is used only while its plugin is enabled (for any
 * organisation); with none, residents are told that the number cannot be
 * verified yet.
 */

/** The kinds of contact on the resident's record that are verified by a code. */
export const VERIFIABLE_CONTACT_KINDS = ['mobile', 'landline'] as const
export type VerifiableContactKind = (typeof VERIFIABLE_CONTACT_KINDS)[number]

/** One code to deliver. */
export interface VerificationCodeMessage {
  kind: VerifiableContactKind
  /** The number in E.164 ("+447700900123"). */
  number: string
  /** Six digits. Deliver it as it is; read out, say the digits one by one. */
  code: string
  /** How long the code works, in minutes (for the words "it works for 10 minutes"). */
  validMinutes: number
  /** The resident's language (a code for the alert's words). */
  language: string
  /** The name of the service residents know (Settings → Site), to start the message with. */
  serviceName: string
}

export type CodeDeliveryResult = { delivered: true } | { delivered: false; reason: string }

export interface VerificationCodeDeliverer {
  /**
   * Sends the code. Return `delivered: false` with a reason in plain English
   * (it is logged and the resident is told to try again later); a throw
   * counts the same.
   */
  deliver(message: VerificationCodeMessage): Promise<CodeDeliveryResult>
}

/** What plugins use, as `context.verification`. */
export interface ContactVerificationRegistry {
  /** Delivers codes for this kind of number while the plugin is enabled. The last registered wins. */
  deliverCodes(kind: VerifiableContactKind, deliverer: VerificationCodeDeliverer): void
}
