import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type Alert from '#models/messaging/alert'
import organisationChannelRegistry from '#services/platform/plugins/organisation_channel_registry'
import DeliveryJobs from '#services/messaging/delivery/delivery_jobs'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import type { OrganisationTarget } from '#contracts/organisation_channel'

const KEY = /^.{1,100}$/s

/**
 * Writes one target delivery per organisation channel and target when an
 * alert is dispatched, and enqueues their send jobs. Running it twice is
 * harmless: the unique key on (alert, channel, target) ignores rows already
 * written, and a row waiting for its retry is not enqueued again.
 */
export default class TargetDispatcher {
  static async dispatch(alert: Alert) {
    const now = sqlTime()
    for (const channel of organisationChannelRegistry.available(alert.organisationId)) {
      let targets: OrganisationTarget[]
      try {
        targets = await channel.targets(alert.organisationId, {
          alertId: alert.id,
          isPublic: Boolean(alert.isPublic),
        })
      } catch (error) {
        // A channel that cannot say where to send must not stop the residents' alert.
        logger.error({ err: error, channel: channel.id }, 'organisation channel targets failed')
        continue
      }
      const rows = uniqueByKey(targets.filter((target) => KEY.test(target.key))).map((target) => ({
        alert_id: alert.id,
        channel: channel.id,
        target_key: target.key,
        target_label: target.label.slice(0, 255),
        idempotency_key: randomUUID(),
        status: 'pending',
        attempts: 0,
        created_at: now,
        updated_at: now,
      }))
      if (rows.length === 0) continue
      await db
        .table('target_deliveries')
        .insert(rows)
        .onConflict(['alert_id', 'channel', 'target_key'])
        .ignore()
    }

    const pending = await db
      .from('target_deliveries')
      .where('alert_id', alert.id)
      .where('status', 'pending')
      .whereNull('next_attempt_at')
      .orderBy('id')
      .select('id')
    if (pending.length > 0) await DeliveryJobs.sendToTargets(pending.map((row) => Number(row.id)))
  }
}

function uniqueByKey(targets: OrganisationTarget[]) {
  return [...new Map(targets.map((target) => [target.key, target])).values()]
}
