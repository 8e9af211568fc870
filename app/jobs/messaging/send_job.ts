import { defineJob } from '#jobs/queue_job'
import { sendQueueOf } from '#services/platform/infrastructure/queue'
import channelRegistry from '#services/platform/plugins/channel_registry'
import DeliverySender from '#services/messaging/delivery/delivery_sender'
import type { SendJobData } from '#services/messaging/delivery/delivery_jobs'

/** One send queue per channel known at start, each as busy as its channel allows. */
export function sendJobs() {
  return channelRegistry.all().map((channel) =>
    defineJob<SendJobData>({
      queue: sendQueueOf(channel.id),
      concurrency: channel.limits.concurrency,
      handle: (data) => DeliverySender.send(data),
    })
  )
}
