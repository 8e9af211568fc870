import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import AlertStatusGuard from '#services/messaging/alert_status'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * Pauses a send under way, for whoever stops it: staff, the sweeper (too many
 * failures), the dispatcher (a channel not ready) or a suspension. The rows
 * stay pending in the ledger; resuming enqueues them again. Raises
 * `alert:paused` when this call paused it.
 */
export async function pauseAlert(alertId: number, reason: string | null = null) {
  const paused = await AlertStatusGuard.change(alertId, {
    from: 'sending',
    to: 'paused',
    set: { paused_at: sqlTime(), status_reason: reason },
  })
  if (!paused) return false
  const row = await db.from('alerts').where('id', alertId).select('organisation_id').first()
  await emitter.emit('alert:paused', {
    alertId,
    organisationId: Number(row.organisation_id),
    reason,
  })
  return true
}
