import db from '@adonisjs/lucid/services/db'
import type Alert from '#models/messaging/alert'
import DeliveryRules from '#services/messaging/delivery/delivery_rules'
import DeliveryJobs from '#services/messaging/delivery/delivery_jobs'
import type { ClaimedRow } from '#services/messaging/delivery/delivery_claims'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * The resident's rules at send time win over what was true at dispatch: a
 * claimed row the resident no longer wants is skipped, and one inside their
 * quiet hours goes back to pending until the window closes. Answers the rows
 * that may go now.
 */
export async function applySendTimeRules(alert: Alert, channelId: string, rows: ClaimedRow[]) {
  // The rules came with the claim (DeliveryClaims.claim), read as the rows were taken.
  const decisions = DeliveryRules.decideKnown(alert, channelId, rows)
  const now = sqlTime()
  const sendable: ClaimedRow[] = []
  const laterByTime = new Map<string, number[]>()
  for (const row of rows) {
    const decision = decisions.get(row.residentId)!
    if (decision.action === 'send') {
      sendable.push(row)
    } else if (decision.action === 'skip') {
      await db
        .from('deliveries')
        .where('id', row.id)
        .update({ status: 'skipped', error: decision.reason, claim_token: null, updated_at: now })
    } else {
      const at = decision.at.toUTC().toISO()!
      const ids = laterByTime.get(at)
      if (ids) ids.push(row.id)
      else laterByTime.set(at, [row.id])
    }
  }
  for (const [at, ids] of laterByTime) {
    await db
      .from('deliveries')
      .whereIn('id', ids)
      .update({
        status: 'pending',
        claim_token: null,
        next_attempt_at: sqlTime(new Date(at)),
        attempts: db.raw('attempts - 1'),
        updated_at: now,
      })
    await DeliveryJobs.sendLater(alert.id, channelId, ids, new Date(at))
  }
  return sendable
}
