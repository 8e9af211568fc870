import { defineJob } from '#jobs/queue_job'
import TargetSender from '#services/messaging/delivery/target_sender'
import { TARGET_QUEUE, type TargetJobData } from '#services/messaging/delivery/delivery_jobs'

/** Organisation channels' sends (webhooks): one target delivery a job, a few at once. */
export default defineJob<TargetJobData>({
  queue: TARGET_QUEUE,
  concurrency: 4,
  handle: (data) => TargetSender.send(data),
})
