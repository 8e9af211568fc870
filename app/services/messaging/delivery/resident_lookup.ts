import db from '@adonisjs/lucid/services/db'
import type { AlertAnswered, ResidentLookup, ResidentNumbers } from '#contracts/residents'
import type { VerifiableContactKind } from '#contracts/verification'
import ResidentPreferences from '#services/residents/preferences/resident_preferences'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'

const NUMBER_COLUMN: Record<VerifiableContactKind, string> = {
  mobile: 'phone',
  landline: 'landline',
}

/**
 * What channel plugins ask when a provider writes back for a resident
 * (#contracts/residents): who holds a number, "STOP", the alert a reply
 * answers and its title, and the resident's working numbers. Messaging owns
 * it because it reads the ledger and the alerts.
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

  async numbersOf(residentId: number): Promise<ResidentNumbers> {
    const row = await db
      .from('residents')
      .where('id', residentId)
      .whereNot('status', 'erased')
      .first()
    // The same rules as the audience's (contact_reach.ts): proved by a code, not reported dead.
    const usable = (number: string | null, verifiedAt: unknown, invalidAt: unknown) =>
      number && verifiedAt && !invalidAt ? number : null
    return {
      mobile: row ? usable(row.phone, row.phone_verified_at, row.phone_invalid_at) : null,
      landline: row
        ? usable(row.landline, row.landline_verified_at, row.landline_invalid_at)
        : null,
    }
  }

  async alertTitles(alertIds: number[]) {
    const ids = [...new Set(alertIds)]
    if (ids.length === 0) return new Map<number, string>()
    const rows = await db.from('alerts').whereIn('id', ids).select('id', 'title')
    return new Map<number, string>(rows.map((row) => [Number(row.id), row.title]))
  }

  async languagesOf(organisationId: number) {
    const rows = await db
      .from('residents')
      .where('residents.status', 'active')
      .whereNot('residents.language', 'en')
      .whereExists((consent) => {
        consent
          .from('consents')
          .whereRaw('consents.resident_id = residents.id')
          .where('consents.organisation_id', organisationId)
          .whereNull('consents.withdrawn_at')
      })
      .groupBy('residents.language')
      .select('residents.language')
      .count('* as residents')
    return rows
      .map((row) => ({ language: String(row.language), residents: Number(row.residents) }))
      .sort((a, b) => b.residents - a.residents || a.language.localeCompare(b.language))
  }
}

const residentLookup = new PluginResidentLookup()
export default residentLookup
