import db from '@adonisjs/lucid/services/db'
import type { PrivacyHooks } from '#contracts/privacy'
import { iso } from '#services/residents/privacy/resident_data_export'

/**
 * The alerts a resident shared, as a section of their data download. Erasure
 * keeps each forward for the organisation's counts but forgets who made it.
 * Registered with the privacy registry at boot (start/registries.ts).
 */
export const alertForwardsPrivacy: PrivacyHooks = {
  async export(residentId: number) {
    const rows = await db
      .from('alert_forwards')
      .join('alerts', 'alerts.id', 'alert_forwards.alert_id')
      .where('alert_forwards.resident_id', residentId)
      .orderBy('alert_forwards.created_at')
      .orderBy('alert_forwards.id')
      .select('alerts.title', 'alert_forwards.kind', 'alert_forwards.created_at')
    return rows.map((row) => ({
      alert: row.title,
      how:
        row.kind === 'email'
          ? 'An email we sent for you (the address was not kept)'
          : 'Your own link',
      sharedAt: iso(row.created_at),
    }))
  },

  async erase({ residentId }) {
    await db.from('alert_forwards').where('resident_id', residentId).update({ resident_id: null })
  },
}
