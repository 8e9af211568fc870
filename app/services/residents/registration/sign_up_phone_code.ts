import type { HttpContext } from '@adonisjs/core/http'
import type { VerifiableContactKind } from '#contracts/verification'
import Resident from '#models/residents/resident'
import verificationDeliverers from '#services/platform/plugins/verification_deliverers'
import ContactVerification, {
  CODES_PER_HOUR,
  type CheckResult,
  type SendResult,
} from '#services/residents/contacts/contact_verification'
import type { RegistrationOutcome } from '#services/residents/registration/resident_registration'
import type { ContactAnswers } from '#services/residents/registration/sign_up_journey'

/** What a sign-up without email left for the code step, in the resident's session. */
export interface PendingSignUpCode {
  /** Null when the number was already signed up: no code was sent, and nothing says so. */
  residentId: number | null
  kind: VerifiableContactKind
  /** E.164. */
  number: string
  /** When the (real or seeming) code was sent; epoch ms. */
  sentAt: number
  /** Codes typed and new codes asked for where no code exists, counted as a real one's are. */
  attempts: number
  resends: number
  /** Who may send them alerts, for the page after the code. */
  organisations: string[]
}

const SESSION_KEY = 'signUpCode'

/**
 * A resident who signs up with a phone number and no email confirms by a
 * code sent to that number, once a plugin delivers codes for its kind (a
 * text message to a mobile, a call to a landline). A number that was
 * already signed up gets the same pages and answers, so the form cannot be
 * used to learn who is registered.
 */
export default class SignUpPhoneCode {
  /** Whether they confirm by a code to their number: no email, and a plugin delivers codes for it. */
  static canSend(contact: ContactAnswers) {
    const kind: VerifiableContactKind = contact.mobile ? 'mobile' : 'landline'
    return !contact.email && !!verificationDeliverers.for(kind)
  }

  /** Whether a code is (or seems to be) on its way; false when no plugin can deliver one. */
  static async start(
    session: HttpContext['session'],
    outcome: RegistrationOutcome,
    contact: ContactAnswers,
    organisations: string[]
  ) {
    const kind: VerifiableContactKind = contact.mobile ? 'mobile' : 'landline'
    const number = contact.mobile ?? contact.landline
    if (!number || !this.canSend(contact)) return false
    if (outcome.status === 'created') await ContactVerification.send(outcome.resident, kind, number)
    session.put(SESSION_KEY, {
      residentId: outcome.status === 'created' ? outcome.resident.id : null,
      kind,
      number,
      sentAt: Date.now(),
      attempts: 0,
      resends: 0,
      organisations,
    } satisfies PendingSignUpCode)
    return true
  }

  static pending(session: HttpContext['session']) {
    return session.get(SESSION_KEY) as PendingSignUpCode | undefined
  }

  static async check(session: HttpContext['session'], code: string): Promise<CheckResult> {
    const pending = this.pending(session)!
    const resident = pending.residentId ? await Resident.find(pending.residentId) : null
    if (resident) return ContactVerification.check(resident, pending.kind, code)
    // No code exists: the answers run out and expire exactly as a real code's would.
    session.put(SESSION_KEY, { ...pending, attempts: pending.attempts + 1 })
    return ContactVerification.checkWithoutCode(pending)
  }

  /** A new code, within the same hourly limit whether or not the number was new. */
  static async resend(session: HttpContext['session']): Promise<SendResult['state']> {
    const pending = this.pending(session)!
    const resident = pending.residentId ? await Resident.find(pending.residentId) : null
    if (resident) {
      const result = await ContactVerification.send(resident, pending.kind, pending.number)
      return result.state
    }
    // The first code counts towards the hour's limit, as it does for a real one.
    if (pending.resends + 1 >= CODES_PER_HOUR) return 'rate_limited'
    session.put(SESSION_KEY, {
      ...pending,
      sentAt: Date.now(),
      attempts: 0,
      resends: pending.resends + 1,
    })
    return 'sent'
  }

  static forget(session: HttpContext['session']) {
    session.forget(SESSION_KEY)
  }
}
