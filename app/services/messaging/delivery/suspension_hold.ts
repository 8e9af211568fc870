import db from '@adonisjs/lucid/services/db'
import type Alert from '#models/messaging/alert'
import Organisation from '#models/platform/organisation'
import { pauseAlert } from '#services/messaging/delivery/alert_pause'

/**
 * Nothing a suspended organisation started is sent: its sends under way are
 * paused when it is suspended (`organisation:suspended`), and a dispatch or
 * send job already queued then holds its send instead, its deliveries kept
 * pending in the ledger, until staff resume it after reactivation.
 */
export default class SuspensionHold {
  /** Pauses every send under way of the organisation; answers how many it paused. */
  static async holdOrganisation(organisationId: number) {
    const organisation = await Organisation.find(organisationId)
    if (!organisation?.suspendedAt) return 0
    const sending = await db
      .from('alerts')
      .where('organisation_id', organisationId)
      .where('status', 'sending')
      .select('id')
    let paused = 0
    for (const row of sending) {
      if (await pauseAlert(Number(row.id), this.#reason(organisation))) paused++
    }
    return paused
  }

  /** For a job that raced the suspension. The alert's organisation must be loaded. */
  static async holdIfSuspended(alert: Alert) {
    if (!alert.organisation.suspendedAt) return false
    await pauseAlert(alert.id, this.#reason(alert.organisation))
    return true
  }

  static #reason(organisation: Organisation) {
    return `Held because ${organisation.name} was suspended: ${organisation.suspensionReason}. It can be resumed once the organisation is reactivated.`
  }
}
