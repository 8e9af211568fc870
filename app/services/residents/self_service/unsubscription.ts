import { DateTime } from 'luxon'
import type Resident from '#models/residents/resident'

/**
 * Stops every alert to a resident at once. Queued deliveries are not sent:
 * the send job reads the resident's status at send time.
 */
export default class Unsubscription {
  static async unsubscribe(resident: Resident) {
    // An erased record stays erased: "unsubscribed" would bring it back as a resident.
    if (resident.status === 'unsubscribed' || resident.status === 'erased') return
    resident.status = 'unsubscribed'
    resident.unsubscribedAt = DateTime.now()
    await resident.save()
  }

  /** Undoes a stop: only a resident who stopped alerts can resume them (not one still to confirm). */
  static async resume(resident: Resident) {
    if (resident.status !== 'unsubscribed') return
    resident.status = 'active'
    resident.unsubscribedAt = null
    await resident.save()
  }
}
