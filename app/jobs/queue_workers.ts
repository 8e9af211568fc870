import app from '@adonisjs/core/services/app'
import config from '@adonisjs/core/services/config'
import logger from '@adonisjs/core/services/logger'
import queues, { sendQueueOf } from '#services/platform/queue'
import channelRegistry from '#services/platform/channel_registry'
import DeliverySweeper from '#services/messaging/delivery/delivery_sweeper'
import DailyHousekeeping from '#jobs/daily_housekeeping'
import AudienceIndex from '#services/targeting/audience_index'
import MessageDispatcher from '#services/messaging/delivery/message_dispatcher'
import DeliverySender, { type SendJobData } from '#services/messaging/delivery/delivery_sender'
import TransactionalMail from '#services/platform/transactional_mail'
import EmailedLinkRequests, {
  EMAILED_LINK_QUEUE,
  type EmailedLinkJob,
} from '#jobs/emailed_link_requests'
import MessageScheduling, { SCHEDULE_QUEUE } from '#services/messaging/message_scheduling'
import type { OutgoingMail } from '#services/platform/mail_transport'
import AreaImportRuns, { AREA_IMPORT_QUEUE } from '#services/areas/boundaries/area_import_runs'
import workerHeartbeat from '#services/platform/worker_heartbeat'
import TargetSender from '#services/messaging/delivery/target_sender'
import { TARGET_QUEUE } from '#services/messaging/delivery/target_delivery_jobs'

/**
 * Makes this process a queue worker: the web process in the embedded
 * default, or `node ace queue:work` on its own.
 */
export async function startQueueWorkers() {
  // Send jobs build signed links from named routes, which a worker without an HTTP server has not committed.
  const router = await app.container.make('router')
  router.commit()

  queues.actAsWorker()
  queues.process('dispatch', 1, (data: { messageId: number }) =>
    MessageDispatcher.dispatch(data.messageId)
  )
  for (const channel of channelRegistry.all()) {
    queues.process(sendQueueOf(channel.id), channel.limits.concurrency, (data: SendJobData) =>
      DeliverySender.send(data)
    )
  }
  queues.process(TARGET_QUEUE, 4, (data) => TargetSender.send(data))
  queues.process('mail', 4, (data: OutgoingMail) => TransactionalMail.deliver(data))
  // One at a time: a resident's limit of links an hour is counted in the database.
  queues.process(EMAILED_LINK_QUEUE, 1, (data: EmailedLinkJob) => EmailedLinkRequests.handle(data))
  queues.process(SCHEDULE_QUEUE, 2, (data: { messageId: number }) =>
    MessageScheduling.startIfDue(data.messageId)
  )
  queues.process(AREA_IMPORT_QUEUE, 1, (data: { id: number }) => AreaImportRuns.run(data.id))
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
      MessageScheduling.startDue().catch((error) =>
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
