import db from '@adonisjs/lucid/services/db'
import AlertCompletion from '#services/messaging/delivery/alert_completion'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * Alerts already queued for a resident but not yet sent. When the resident
 * withdraws (consent, or their whole account) the choice applies to these
 * too, at once; a message left with nothing to send is closed.
 */
export default class PendingDeliveries {
  static async skipForResident(
    residentId: number,
    reason: string,
    onlyFromOrganisationIds?: number[]
  ) {
    const rows = await db
      .from('deliveries')
      .where('resident_id', residentId)
      .where('status', 'pending')
      .if(onlyFromOrganisationIds, (query) =>
        query.whereIn(
          'alert_id',
          db.from('alerts').whereIn('organisation_id', onlyFromOrganisationIds!).select('id')
        )
      )
      .select('id', 'alert_id')
    if (rows.length === 0) return

    await db
      .from('deliveries')
      .whereIn(
        'id',
        rows.map((row) => row.id)
      )
      .where('status', 'pending')
      .update({ status: 'skipped', error: reason, claim_token: null, updated_at: sqlTime() })
    for (const alertId of new Set(rows.map((row) => Number(row.alert_id)))) {
      await AlertCompletion.closeIfFinished(alertId)
    }
  }
}
