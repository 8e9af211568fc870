import { defineJob } from '#jobs/queue_job'
import EmailedLinkRequests, {
  EMAILED_LINK_QUEUE,
  type EmailedLinkJob,
} from '#jobs/emailed_link_requests'

/** "Email me a link" forms: one at a time, as a resident's limit of links an hour is counted in the database. */
export default defineJob<EmailedLinkJob>({
  queue: EMAILED_LINK_QUEUE,
  concurrency: 1,
  handle: (data) => EmailedLinkRequests.handle(data),
})
