import { defineJob } from '#jobs/queue_job'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import { DISPATCH_QUEUE } from '#services/messaging/delivery/delivery_jobs'

/** Turns an alert into delivery rows and send jobs: one at a time per process (a long walk). */
export default defineJob<{ alertId: number }>({
  queue: DISPATCH_QUEUE,
  concurrency: 1,
  handle: (data) => AlertDispatcher.dispatch(data.alertId),
})
