import channelRegistry from '#services/platform/plugins/channel_registry'
import { RECORD_CONTACT_KINDS, type RecordContactKind } from '#contracts/contacts'
import type { RawCondition } from '#services/targeting/drawn_shape_sql'

/** The contacts on the resident's record, and when each one works. */
export const RECORD_CONTACT_SQL: Record<RecordContactKind, string> = {
  email: 'residents.email IS NOT NULL AND residents.email_bounced_at IS NULL',
  // A number works once its holder proved it with a code (contact_verification.ts).
  mobile:
    'residents.phone IS NOT NULL AND residents.phone_invalid_at IS NULL AND residents.phone_verified_at IS NOT NULL',
  landline:
    'residents.landline IS NOT NULL AND residents.landline_invalid_at IS NULL AND residents.landline_verified_at IS NOT NULL',
}

export function isRecordKind(kind: string): kind is RecordContactKind {
  return (RECORD_CONTACT_KINDS as readonly string[]).includes(kind)
}

/**
 * The kinds of contact a channel needs (any of them will do), as the
 * channel declares; null for a channel nobody registered (an alert's
 * criteria may outlive a removed plugin): nothing is known of its contact,
 * so only the resident's switch counts.
 */
export function contactKindsOf(channelId: string): string[] | null {
  const channel = channelRegistry.registered(channelId)
  if (!channel) return null
  return typeof channel.contact === 'string' ? [channel.contact] : [...channel.contact]
}

/** The resident has a working contact of this kind. */
export function hasContact(kind: string): RawCondition {
  if (isRecordKind(kind)) return { sql: RECORD_CONTACT_SQL[kind], bindings: [] }
  return {
    sql:
      'EXISTS (SELECT 1 FROM resident_contacts WHERE resident_contacts.resident_id = residents.id ' +
      'AND resident_contacts.kind = ? AND resident_contacts.invalid_at IS NULL)',
    bindings: [kind],
  }
}

/** The resident has a working contact the channel can use; null when the channel's contact is unknown. */
export function contactFor(channelId: string): RawCondition | null {
  const kinds = contactKindsOf(channelId)
  if (!kinds) return null
  if (kinds.length === 0) return { sql: '1 = 0', bindings: [] }
  const parts = kinds.map(hasContact)
  return {
    sql: `(${parts.map((part) => part.sql).join(' OR ')})`,
    bindings: parts.flatMap((part) => part.bindings),
  }
}

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
