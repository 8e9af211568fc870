import queues from '#services/platform/infrastructure/queue'

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
 * address, the same work either way; a worker does the rest
 * (app/jobs/residents/emailed_link_job.ts).
 */
export default class EmailedLinks {
  static async queue(kind: EmailedLinkKind, email: string) {
    const job: EmailedLinkJob = { kind, email }
    await queues.add(EMAILED_LINK_QUEUE, job, { retries: 3, timeoutMs: 60_000 })
  }
}
