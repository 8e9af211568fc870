import db from '@adonisjs/lucid/services/db'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

// Alerts whose deliveries may change no more, unless a provider's receipt arrives later.
const FINISHED = ['sent', 'cancelled']

/**
 * A finished alert's deliveries by channel and status (database/migrations/
 * 0094): sealed when the alert completes or is cancelled, and by the daily
 * housekeeping for any finished alert without them; a provider's later
 * receipt unseals the alert until the next day. An unsealed alert is counted
 * from the ledger (AlertFigures), so the figures are exact either way.
 * Keyed by alert, not organisation: an alert may count in more than one.
 */
export default class AlertDeliveryFigures {
  /** Counts the alert's deliveries into its figures, if it is finished and nothing of it is still in flight. */
  static async seal(alertId: number) {
    return db.transaction(async (trx) => {
      const alert = await trx.from('alerts').where('id', alertId).select('status').first()
      if (!alert || !FINISHED.includes(String(alert.status))) return false
      const open = await trx
        .from('deliveries')
        .where('alert_id', alertId)
        .whereIn('status', ['pending', 'sending'])
        .select('id')
        .first()
      if (open) return false
      await trx.from('alert_figure_seals').where('alert_id', alertId).delete()
      await trx.from('alert_delivery_figures').where('alert_id', alertId).delete()
      await trx.rawQuery(
        `INSERT INTO alert_delivery_figures (alert_id, channel, status, total)
         SELECT alert_id, channel, status, COUNT(*) FROM deliveries WHERE alert_id = ?
         GROUP BY alert_id, channel, status`,
        [alertId]
      )
      await trx.table('alert_figure_seals').insert({ alert_id: alertId, sealed_at: sqlTime() })
      return true
    })
  }

  /** The ledger changed under a sealed alert: it is counted from the ledger again. */
  static async unseal(alertId: number) {
    await db.from('alert_figure_seals').where('alert_id', alertId).delete()
    await db.from('alert_delivery_figures').where('alert_id', alertId).delete()
  }

  /**
   * Seals every finished alert without figures, and (`recount`) those sent
   * in the last `recountDays` days again, in case a receipt crossed a seal.
   * Returns the alerts sealed.
   */
  static async sealFinished(
    options: { recountDays?: number; progress?: (done: number, of: number) => void } = {}
  ) {
    const query = db
      .from('alerts')
      .whereIn('status', FINISHED)
      .whereNotNull('dispatched_at')
      .select('id')
      .orderBy('id')
    query.where((which) => {
      which.whereNotExists((seal) =>
        seal.from('alert_figure_seals').whereColumn('alert_figure_seals.alert_id', 'alerts.id')
      )
      if (options.recountDays) {
        const since = new Date(Date.now() - options.recountDays * 86_400_000)
        which.orWhere('dispatched_at', '>=', sqlTime(since))
      }
    })
    const alerts = await query
    let sealed = 0
    for (const [index, alert] of alerts.entries()) {
      if (await this.seal(Number(alert.id))) sealed++
      options.progress?.(index + 1, alerts.length)
    }
    return sealed
  }

  /** From scratch: every finished alert counted again. */
  static async rebuild(progress?: (done: number, of: number) => void) {
    await db.from('alert_figure_seals').delete()
    await db.from('alert_delivery_figures').delete()
    return this.sealFinished({ progress })
  }
}
