import db from '@adonisjs/lucid/services/db'
import type { Channel } from '#contracts/channel'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import ResidentContacts from '#services/residents/contacts/resident_contacts'
import { isRecordKind } from '#services/residents/contacts/working_contacts'

// The column that marks each contact of the resident's record as dead.
const RECORD_MARKS = {
  email: 'email_bounced_at',
  mobile: 'phone_invalid_at',
  landline: 'landline_invalid_at',
} as const

/**
 * A provider said a contact is dead (a hard bounce, a number not in
 * service, a push subscription gone): no later alert uses it. The audience
 * query and index stop counting it at once (the marks are what they read).
 */
export default class ContactSuppression {
  /**
   * The channel's own markInvalid() when it has one; otherwise the contact
   * named (one of several the resident has), or every contact of the kinds
   * the channel declared.
   */
  static async suppress(channel: Channel, residentId: number, contactId?: number) {
    if (contactId !== undefined) {
      const owned = await db
        .from('resident_contacts')
        .where('id', contactId)
        .where('resident_id', residentId)
        .first()
      if (owned) return ResidentContacts.markInvalid(contactId)
    }
    if (channel.markInvalid) return channel.markInvalid(residentId)
    const kinds = typeof channel.contact === 'string' ? [channel.contact] : channel.contact
    for (const kind of kinds) {
      if (isRecordKind(kind)) {
        await db
          .from('residents')
          .where('id', residentId)
          .whereNull(RECORD_MARKS[kind])
          .update({ [RECORD_MARKS[kind]]: sqlTime() })
      } else {
        await ResidentContacts.markAllInvalid(residentId, kind)
      }
    }
  }
}
