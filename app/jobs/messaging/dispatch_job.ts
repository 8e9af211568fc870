import { defineJob } from '#jobs/queue_job'
import MessageDispatcher from '#services/messaging/delivery/message_dispatcher'
import { DISPATCH_QUEUE } from '#services/messaging/delivery/delivery_jobs'

/** Turns an alert into delivery rows and send jobs: one at a time per process (a long walk). */
export default defineJob<{ messageId: number }>({
  queue: DISPATCH_QUEUE,
  concurrency: 1,
  handle: (data) => MessageDispatcher.dispatch(data.messageId),
})
