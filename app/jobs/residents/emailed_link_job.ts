import { defineJob } from '#jobs/queue_job'
import {
  EMAILED_LINK_QUEUE,
  type EmailedLinkJob,
} from '#services/platform/infrastructure/emailed_links'
import MagicLinkSignIn from '#services/residents/self_service/magic_link_sign_in'
import StaffPasswordResets from '#services/platform/staff_accounts/staff_password_reset'

/**
 * "Email me a link" forms: one at a time, as a resident's limit of links an
 * hour is counted in the database. In the residents module because it serves
 * residents' sign-in links as well as staff password resets (platform).
 */
export default defineJob<EmailedLinkJob>({
  queue: EMAILED_LINK_QUEUE,
  concurrency: 1,
  handle: async ({ kind, email }) => {
    if (kind === 'resident_sign_in') await MagicLinkSignIn.request(email)
    else await StaffPasswordResets.request(email)
  },
})
