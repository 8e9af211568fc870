import { defineJob } from '#jobs/queue_job'
import MessageScheduling, { SCHEDULE_QUEUE } from '#services/messaging/message_scheduling'

/** A scheduled send coming due (a delayed job); starting it twice is harmless. */
export default defineJob<{ messageId: number }>({
  queue: SCHEDULE_QUEUE,
  concurrency: 2,
  handle: (data) => MessageScheduling.startIfDue(data.messageId),
})
