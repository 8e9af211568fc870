import type { RawCondition } from '#services/targeting/drawn_shape_sql'
import { contactFor } from '#services/residents/contacts/working_contacts'

/** Whether a resident can be reached by a channel: a working contact, and the channel not switched off. */
export function reachableBy(channelId: string): RawCondition {
  const switchedOff =
    'NOT EXISTS (SELECT 1 FROM channel_preferences WHERE channel_preferences.resident_id = residents.id AND channel_preferences.channel = ? AND channel_preferences.enabled = ?)'
  const contact = contactFor(channelId)
  return contact
    ? {
        sql: `(${contact.sql} AND ${switchedOff})`,
        bindings: [...contact.bindings, channelId, false],
      }
    : { sql: `(${switchedOff})`, bindings: [channelId, false] }
}
