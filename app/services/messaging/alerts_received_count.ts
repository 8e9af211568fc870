import db from '@adonisjs/lucid/services/db'

/**
 * How many of an organisation's alerts reached a resident, for the resident's
 * staff record. Messaging answers it (the ledger is messaging's): the residents
 * module shows it without reading deliveries itself.
 */
export default class AlertsReceivedCount {
  static async of(residentId: number, organisationId: number) {
    // Only this organisation's alerts: what other organisations sent is theirs.
    const received = await db
      .from('deliveries')
      .join('alerts', 'alerts.id', 'deliveries.alert_id')
      .where('deliveries.resident_id', residentId)
      .where('alerts.organisation_id', organisationId)
      .whereIn('deliveries.status', ['sent', 'delivered'])
      .countDistinct('deliveries.alert_id as total')
      .first()
    return Number(received?.total ?? 0)
  }
}
