import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'

interface Loaded {
  version: string
  alert: Alert
}

// A worker sends a few alerts at a time; more than this is a leak, not a working set.
const MOST_KEPT = 50

/**
 * The alert a send job works for, with its organisation and co-signer loaded
 * once per process rather than as three models for every job of 100. Each job
 * still reads the alert's status fresh, in one small statement with what would
 * make the loaded copy stale (the alert's and both organisations' `updated_at`,
 * and the organisations' columns a send uses, since SQLite keeps a model's
 * times to the second): a pause or cancel stops the very next job, as before,
 * and any change to the alert or an organisation loads them again.
 */
export default class SendingAlerts {
  static #loaded = new Map<number, Loaded>()

  /** The alert as it stands now, organisations loaded; null when it is gone. */
  static async current(alertId: number) {
    const version = await this.#version(alertId)
    if (version === null) {
      this.#loaded.delete(alertId)
      return null
    }
    const kept = this.#loaded.get(alertId)
    if (kept && kept.version === version) return kept.alert

    const alert = await Alert.query()
      .where('id', alertId)
      .preload('organisation')
      .preload('cosignerOrganisation')
      .first()
    if (!alert) return null
    if (this.#loaded.size >= MOST_KEPT) this.#loaded.clear()
    // Kept only for a sending alert: a paused or cancelled one is read again when resumed.
    if (alert.status === 'sending') this.#loaded.set(alertId, { version, alert })
    return alert
  }

  /** Forgets every alert held: after a database is emptied (tests), ids are given again. */
  static forget() {
    this.#loaded.clear()
  }

  /**
   * One statement: everything whose change must be seen by the next job. The
   * status is compared as it is; times also carry the created time, since an
   * id is reused after a database is emptied.
   */
  static async #version(alertId: number) {
    const row = await db
      .from('alerts')
      .join('organisations as own', 'own.id', 'alerts.organisation_id')
      .leftJoin('organisations as cosigner', 'cosigner.id', 'alerts.cosigner_organisation_id')
      .where('alerts.id', alertId)
      .select(
        'alerts.status',
        'alerts.created_at',
        'alerts.updated_at',
        'own.updated_at as own_updated_at',
        'own.suspended_at as own_suspended_at',
        'own.name as own_name',
        'own.sender_name',
        'own.tracks_engagement',
        'cosigner.updated_at as cosigner_updated_at',
        'cosigner.suspended_at as cosigner_suspended_at',
        'cosigner.name as cosigner_name'
      )
      .first()
    if (!row) return null
    return Object.values(row)
      .map((value) => (value instanceof Date ? value.toISOString() : String(value)))
      .join('|')
  }
}
