import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import DeliveryJobs from '#services/messaging/delivery/delivery_jobs'
import { TARGET_SENDING_STATUSES } from '#services/messaging/delivery/target_sender'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import type { SweepOptions } from '#services/messaging/delivery/delivery_sweeper'

/**
 * The target deliveries' part of the delivery sweeper: gives back rows whose
 * worker died, and enqueues again the rows whose job was lost (a Redis
 * restart) or whose alert was resumed. Each row it enqueues is marked, so a
 * job still waiting in a busy queue is not doubled on every sweep.
 */
export default class TargetSweeper {
  static async run(options: SweepOptions) {
    const now = DateTime.now()
    const reclaimed = await db
      .from('target_deliveries')
      .where('status', 'sending')
      .where('claimed_at', '<', sqlTime(now.minus({ seconds: options.staleClaimSeconds })))
      .update({
        status: 'pending',
        claim_token: null,
        next_attempt_at: null,
        updated_at: sqlTime(now.minus({ days: 1 })),
      })
    if (Number(reclaimed) > 0) {
      logger.warn({ rows: Number(reclaimed) }, 'reclaimed stale target deliveries')
    }

    const idleSince = sqlTime(now.minus({ seconds: options.idlePendingSeconds }))
    const lost = await db
      .from('target_deliveries')
      .join('alerts', 'alerts.id', 'target_deliveries.alert_id')
      .join('organisations', 'organisations.id', 'alerts.organisation_id')
      .where('target_deliveries.status', 'pending')
      .where('target_deliveries.updated_at', '<', idleSince)
      .where((query) =>
        query
          .whereNull('target_deliveries.next_attempt_at')
          .orWhere('target_deliveries.next_attempt_at', '<', idleSince)
      )
      .whereIn('alerts.status', [...TARGET_SENDING_STATUSES, 'cancelled'])
      .whereNull('organisations.suspended_at')
      .orderBy('target_deliveries.id')
      .limit(1000)
      .select('target_deliveries.id')
    if (lost.length === 0) return

    const ids = lost.map((row) => Number(row.id))
    await db
      .from('target_deliveries')
      .whereIn('id', ids)
      .where('status', 'pending')
      .update({ updated_at: sqlTime(now) })
    await DeliveryJobs.sendToTargets(ids)
  }
}
