import db from '@adonisjs/lucid/services/db'
import type { PrivacyHooks } from '#contracts/privacy'
import { iso } from '#services/residents/privacy/resident_data_export'

/**
 * Whether the resident opened each tracked alert email and clicked its
 * links: a section of their data download, deleted on erasure (unlike the
 * deliveries, which stay anonymous for the statistics, an open says what a
 * person did). Registered at boot (start/registries.ts).
 */
export const engagementPrivacy: PrivacyHooks = {
  async export(residentId: number) {
    const rows = await db
      .from('delivery_engagements')
      .join('alerts', 'alerts.id', 'delivery_engagements.alert_id')
      .where('delivery_engagements.resident_id', residentId)
      .orderBy('delivery_engagements.delivery_id')
      .select('alerts.title', 'delivery_engagements.*')
    return rows.map((row) => ({
      alert: row.title,
      firstOpened: iso(row.first_opened_at),
      timesOpened: Number(row.open_count),
      firstClicked: iso(row.first_clicked_at),
      timesClicked: Number(row.click_count),
    }))
  },

  async erase({ residentId }) {
    await db.from('delivery_engagements').where('resident_id', residentId).delete()
  },
}
