import { defineJob } from '#jobs/queue_job'
import TransactionalMail, { MAIL_QUEUE } from '#services/platform/transactional_mail'
import type { OutgoingMail } from '#services/platform/mail_transport'

/** Account emails (confirmation links, notices, approvals). */
export default defineJob<OutgoingMail>({
  queue: MAIL_QUEUE,
  concurrency: 4,
  handle: (mail) => TransactionalMail.deliver(mail),
})
