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
        query.whereIn('alert_id', this.#alertsNoLongerWanted(residentId, onlyFromOrganisationIds!))
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

  /**
   * The alerts of these organisations (or co-signed by them) the resident no
   * longer consents to: a joint alert still goes to a resident who consents
   * to its other organisation (the consent is already withdrawn when this runs).
   */
  static #alertsNoLongerWanted(residentId: number, organisationIds: number[]) {
    return db
      .from('alerts')
      .where((from) =>
        from
          .whereIn('alerts.organisation_id', organisationIds)
          .orWhere((joint) =>
            joint
              .whereIn('alerts.cosigner_organisation_id', organisationIds)
              .where('alerts.cosign_status', 'approved')
          )
      )
      .whereNotExists((consent) =>
        consent
          .from('consents')
          .where('consents.resident_id', residentId)
          .whereNull('consents.withdrawn_at')
          .where((signer) =>
            signer
              .whereRaw('consents.organisation_id = alerts.organisation_id')
              .orWhere((joint) =>
                joint
                  .whereRaw('consents.organisation_id = alerts.cosigner_organisation_id')
                  .where('alerts.cosign_status', 'approved')
              )
          )
      )
      .select('alerts.id')
  }
}
