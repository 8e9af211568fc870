import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Subscriber from '#models/subscriber'
import PendingDeliveries from '#services/pending_deliveries'
import { sqlTime } from '#services/sql_time'

// Rows that exist only because of the resident; erasure deletes them.
const PERSONAL_TABLES = [
  'subscriber_areas',
  'subscriber_interests',
  'scheme_members',
  'consents',
  'channel_preferences',
  'demographics',
  'subscriber_tokens',
]

/**
 * The right to erasure: a resident's personal data is removed at once. The
 * subscriber row stays, emptied and marked erased, and the alerts they were
 * sent stay as anonymous deliveries, so that the statistics do not change.
 */
export default class ResidentErasure {
  static async erase(subscriberId: number) {
    const subscriber = await Subscriber.findOrFail(subscriberId)
    if (subscriber.status === 'erased') return
    const formerEmail = subscriber.email

    // Before the rows lose their resident: a send job would otherwise claim them and find nobody.
    await PendingDeliveries.skipForResident(
      subscriberId,
      'The resident deleted their account before this was sent'
    )

    await db.transaction(async (trx) => {
      for (const table of PERSONAL_TABLES) {
        await trx.from(table).where('subscriber_id', subscriberId).delete()
      }
      await trx
        .from('deliveries')
        .where('subscriber_id', subscriberId)
        .update({ subscriber_id: null, updated_at: sqlTime() })
      // Without SMTP, Beacon keeps copies of its email (with the resident's name) in the outbox.
      if (formerEmail) await trx.from('outbox_emails').where('to_address', formerEmail).delete()

      subscriber.useTransaction(trx)
      subscriber.merge({
        email: null,
        name: 'Erased',
        phone: null,
        phoneVerifiedAt: null,
        landline: null,
        postcode: null,
        lat: null,
        lng: null,
        knownToOfficer: false,
        communityInfluencer: false,
        status: 'erased',
        erasedAt: DateTime.now(),
        emailBouncedAt: null,
      })
      await subscriber.save()
    })
  }
}
