import app from '@adonisjs/core/services/app'
import config from '@adonisjs/core/services/config'
import logger from '@adonisjs/core/services/logger'
import queues from '#services/platform/infrastructure/queue'
import DeliverySweeper from '#services/messaging/delivery/delivery_sweeper'
import DailyHousekeeping from '#jobs/daily_housekeeping'
import AudienceIndex from '#services/targeting/audience_index'
import AlertScheduling from '#services/messaging/alert_scheduling'
import workerHeartbeat from '#services/platform/infrastructure/worker_heartbeat'
import type { QueueJob } from '#jobs/queue_job'
import dispatchJob from '#jobs/messaging/dispatch_job'
import { sendJobs } from '#jobs/messaging/send_job'
import scheduleJob from '#jobs/messaging/schedule_job'
import areaImportJob from '#jobs/areas/area_import_job'
import mailJob from '#jobs/platform/mail_job'
import emailedLinkJob from '#jobs/residents/emailed_link_job'
import targetSendJob from '#jobs/messaging/target_send_job'

/** Every job handler a worker runs (app/jobs/<module>/…). */
function jobHandlers(): QueueJob<any>[] {
  return [
    dispatchJob,
    ...sendJobs(),
    targetSendJob,
    mailJob,
    emailedLinkJob,
    scheduleJob,
    areaImportJob,
  ]
}

/**
 * Makes this process a queue worker: the web process in the embedded
 * default, or `node ace queue:work` on its own.
 */
export async function startQueueWorkers() {
  // Send jobs build signed links from named routes, which a worker without an HTTP server has not committed.
  const router = await app.container.make('router')
  router.commit()

  queues.actAsWorker()
  for (const job of jobHandlers()) {
    queues.process(job.queue, job.concurrency, (data) => job.handle(withAlertId(data)))
  }
  await queues.ready()
  await workerHeartbeat.start()
  startUpkeep()
}

/**
 * The timed work every worker shares (one process at a time through Redis locks): the
 * daily housekeeping, the delivery sweeper, due scheduled sends and the audience index.
 */
export function startUpkeep() {
  if (sweeper) return
  runHousekeeping()
  housekeeping = setInterval(runHousekeeping, 60 * 60 * 1000)
  sweeper = setInterval(
    () => {
      DeliverySweeper.runExclusive().catch((error) =>
        logger.error({ err: error }, 'delivery sweep failed')
      )
      // Scheduled sends whose delayed job was lost (a Redis restart); starting one twice is harmless.
      AlertScheduling.startDue().catch((error) =>
        logger.error({ err: error }, 'scheduled send check failed')
      )
      // Keeps the change log short, and builds the index where a count may not (a large register).
      AudienceIndex.maintain().catch((error) =>
        logger.error({ err: error }, 'audience index upkeep failed')
      )
    },
    config.get<number>('beacon.delivery.sweepSeconds') * 1000
  )
}

let sweeper: NodeJS.Timeout | null = null
let housekeeping: NodeJS.Timeout | null = null

function runHousekeeping() {
  DailyHousekeeping.runIfDue().catch((error) =>
    logger.error({ err: error }, 'daily housekeeping failed')
  )
}

export function stopUpkeep() {
  if (sweeper) clearInterval(sweeper)
  if (housekeeping) clearInterval(housekeeping)
  sweeper = null
  housekeeping = null
}

/**
 * Jobs queued before migration 0024 named their alert `messageId`: a worker
 * upgraded while an alert is being sent still runs them.
 */
function withAlertId<Data>(data: Data): Data {
  const legacy = data as { messageId?: number; alertId?: number } | null
  if (legacy && legacy.messageId !== undefined && legacy.alertId === undefined) {
    const { messageId, ...rest } = legacy
    return { ...rest, alertId: messageId } as Data
  }
  return data
}
