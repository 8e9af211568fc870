import { defineJob } from '#jobs/queue_job'
import AlertScheduling, { SCHEDULE_QUEUE } from '#services/messaging/alert_scheduling'

/** A scheduled send coming due (a delayed job); starting it twice is harmless. */
export default defineJob<{ alertId: number }>({
  queue: SCHEDULE_QUEUE,
  concurrency: 2,
  handle: (data) => AlertScheduling.startIfDue(data.alertId),
})
