import db from '@adonisjs/lucid/services/db'
import type { PrivacyErasure, PrivacyHooks } from '#contracts/privacy'
import ResidentAlertHistory from '#services/messaging/resident_alert_history'
import { iso } from '#services/residents/privacy/resident_data_export'
import { withoutValues } from '#services/platform/infrastructure/contact_redaction'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * The alerts a resident was sent, as a section of their data download, and
 * what erasure does to them: the deliveries stay, anonymous, so that the
 * statistics do not change, and bounce texts lose the address they quoted.
 * Registered with the privacy registry at boot (start/registries.ts).
 */
export const alertsReceivedPrivacy: PrivacyHooks = {
  async export(residentId: number) {
    const alerts = await ResidentAlertHistory.all(residentId)
    return alerts.map((alert) => ({
      sentAt: iso(alert.sentAt),
      from: alert.organisationName,
      priority: `${alert.priority} – ${alert.priorityLabel}`,
      title: alert.title,
      message: alert.body,
      channel: alert.channel,
    }))
  },

  async erase({ residentId, traces }: PrivacyErasure) {
    await db.transaction(async (trx) => {
      // Bounce texts quote the address they bounced from; the reason stays for the statistics.
      const rows = await trx
        .from('deliveries')
        .where('resident_id', residentId)
        .whereNotNull('error')
        .select('id', 'error')
      for (const row of rows) {
        const error = withoutValues(row.error, traces)
        if (error !== row.error) await trx.from('deliveries').where('id', row.id).update({ error })
      }
      await trx
        .from('deliveries')
        .where('resident_id', residentId)
        .update({ resident_id: null, updated_at: sqlTime() })
    })
  },
}
