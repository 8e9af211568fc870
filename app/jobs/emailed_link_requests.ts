import queues from '#services/platform/infrastructure/queue'
import MagicLinkSignIn from '#services/residents/self_service/magic_link_sign_in'
import StaffPasswordResets from '#services/platform/staff_accounts/staff_password_reset'

export const EMAILED_LINK_QUEUE = 'emailed-links'

export type EmailedLinkKind = 'resident_sign_in' | 'staff_password_reset'

export interface EmailedLinkJob {
  kind: EmailedLinkKind
  email: string
}

/**
 * "Email me a link" forms (a resident's sign-in link, a member of staff's
 * password reset) answer the same whether or not the address is known; doing
 * the lookup, the token and the email in the request would make a known
 * address answer slower, and so tell it apart. The request only queues the
 * address, the same work either way; a worker does the rest.
 */
export default class EmailedLinkRequests {
  static async queue(kind: EmailedLinkKind, email: string) {
    const job: EmailedLinkJob = { kind, email }
    await queues.add(EMAILED_LINK_QUEUE, job, { retries: 3, timeoutMs: 60_000 })
  }

  static async handle({ kind, email }: EmailedLinkJob) {
    if (kind === 'resident_sign_in') await MagicLinkSignIn.request(email)
    else await StaffPasswordResets.request(email)
  }
}
