import { DateTime } from 'luxon'
import type Subscriber from '#models/residents/subscriber'

/**
 * Stops every alert to a resident at once. Queued deliveries are not sent:
 * the send job reads the resident's status at send time.
 */
export default class Unsubscription {
  static async unsubscribe(subscriber: Subscriber) {
    // An erased record stays erased: "unsubscribed" would bring it back as a resident.
    if (subscriber.status === 'unsubscribed' || subscriber.status === 'erased') return
    subscriber.status = 'unsubscribed'
    subscriber.unsubscribedAt = DateTime.now()
    await subscriber.save()
  }

  /** Undoes a stop: only a resident who stopped alerts can resume them (not one still to confirm). */
  static async resume(subscriber: Subscriber) {
    if (subscriber.status !== 'unsubscribed') return
    subscriber.status = 'active'
    subscriber.unsubscribedAt = null
    await subscriber.save()
  }
}
