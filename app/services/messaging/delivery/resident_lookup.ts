import db from '@adonisjs/lucid/services/db'
import type { AlertAnswered, ResidentLookup } from '#contracts/residents'
import type { VerifiableContactKind } from '#contracts/verification'
import ResidentPreferences from '#services/residents/preferences/resident_preferences'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'

const NUMBER_COLUMN: Record<VerifiableContactKind, string> = {
  mobile: 'phone',
  landline: 'landline',
}

/**
 * What channel plugins ask when a provider writes back for a resident
 * (#contracts/residents): who holds a number, "STOP", and the alert a reply
 * answers. Messaging owns it because the last part reads the ledger.
 */
class PluginResidentLookup implements ResidentLookup {
  async holdersOf(kind: VerifiableContactKind, number: string) {
    const rows = await db
      .from('residents')
      .where(NUMBER_COLUMN[kind], number)
      .whereNot('status', 'erased')
      .orderBy('id')
      .select('id')
    return rows.map((row) => Number(row.id))
  }

  async stopChannel(residentId: number, channelId: string) {
    // Their quiet hours stay as they chose them, should they switch it on again.
    const current = await ResidentPreferences.channel(residentId, channelId)
    await ResidentPreferences.saveChannel(residentId, channelId, {
      enabled: false,
      quietFrom: current?.quietFrom ?? null,
      quietTo: current?.quietTo ?? null,
      emergencyOverride: current?.emergencyOverride ?? true,
    })
    // Pending rows are skipped at send time by the resident's rules (send_time_rules.ts).
  }

  async lastDelivery(residentId: number, channelId: string): Promise<AlertAnswered | null> {
    const row = await db
      .from('deliveries')
      .join('alerts', 'alerts.id', 'deliveries.alert_id')
      .where('deliveries.resident_id', residentId)
      .where('deliveries.channel', channelId)
      .whereNotNull('deliveries.sent_at')
      .orderBy('deliveries.sent_at', 'desc')
      .orderBy('deliveries.id', 'desc')
      .select(
        'deliveries.id',
        'deliveries.alert_id',
        'deliveries.sent_at',
        'alerts.organisation_id'
      )
      .first()
    if (!row) return null
    return {
      deliveryId: Number(row.id),
      alertId: Number(row.alert_id),
      organisationId: Number(row.organisation_id),
      sentAt: fromStoredTime(row.sent_at)!.toJSDate(),
    }
  }
}

const residentLookup = new PluginResidentLookup()
export default residentLookup
