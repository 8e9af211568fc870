import db from '@adonisjs/lucid/services/db'
import { PRIORITIES } from '#models/messaging/alert'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'

/**
 * The alerts a resident has actually been sent, newest first.
 */
export default class ResidentAlertHistory {
  /** A joint alert is from both organisations (its co-signer, once it approved). */
  static query(residentId: number) {
    return db
      .from('deliveries')
      .join('alerts', 'alerts.id', 'deliveries.alert_id')
      .join('organisations', 'organisations.id', 'alerts.organisation_id')
      .leftJoin('organisations as cosigners', (join) => {
        join
          .on('cosigners.id', '=', 'alerts.cosigner_organisation_id')
          .andOnVal('alerts.cosign_status', '=', 'approved')
      })
      .where('deliveries.resident_id', residentId)
      .whereIn('deliveries.status', ['sent', 'delivered'])
      .select(
        'deliveries.id',
        'deliveries.alert_id',
        'deliveries.channel',
        'deliveries.sent_at',
        'alerts.title',
        'alerts.body',
        'alerts.priority',
        'organisations.name as organisation_name',
        'cosigners.name as cosigner_name'
      )
      .orderBy('deliveries.sent_at', 'desc')
      .orderBy('deliveries.id', 'desc')
  }

  static present(row: Record<string, any>) {
    return {
      id: Number(row.id),
      alertId: Number(row.alert_id),
      channel: channelRegistry.get(row.channel)?.label ?? row.channel,
      sentAt: fromStoredTime(row.sent_at),
      title: row.title as string,
      body: row.body as string,
      priority: Number(row.priority),
      priorityLabel: PRIORITIES[Number(row.priority)] ?? String(row.priority),
      organisationName: row.cosigner_name
        ? `${row.organisation_name} and ${row.cosigner_name}`
        : (row.organisation_name as string),
    }
  }

  static async page(residentId: number, page: number, perPage = 20) {
    const paginator = await this.query(residentId).paginate(page, perPage)
    return { paginator, alerts: paginator.all().map((row) => this.present(row)) }
  }

  static async all(residentId: number) {
    const rows = await this.query(residentId)
    return rows.map((row) => this.present(row))
  }
}
