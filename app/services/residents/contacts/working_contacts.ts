import db from '@adonisjs/lucid/services/db'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { RECORD_CONTACT_KINDS, type RecordContactKind } from '#contracts/contacts'

/** A condition on residents' columns, as raw SQL with its bindings. */
export interface ContactCondition {
  sql: string
  bindings: (string | number | boolean)[]
}

/**
 * When a resident's contact works: the one rule that the audience counts, the
 * dispatch and the resident's own page all read, so that the residents picked
 * are the residents counted, and a resident is told what they will get.
 */
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
export function hasContact(kind: string): ContactCondition {
  if (isRecordKind(kind)) return { sql: RECORD_CONTACT_SQL[kind], bindings: [] }
  return {
    sql:
      'EXISTS (SELECT 1 FROM resident_contacts WHERE resident_contacts.resident_id = residents.id ' +
      'AND resident_contacts.kind = ? AND resident_contacts.invalid_at IS NULL)',
    bindings: [kind],
  }
}

/** The resident has a working contact the channel can use; null when the channel's contact is unknown. */
export function contactFor(channelId: string): ContactCondition | null {
  const kinds = contactKindsOf(channelId)
  if (!kinds) return null
  if (kinds.length === 0) return { sql: '1 = 0', bindings: [] }
  const parts = kinds.map(hasContact)
  return {
    sql: `(${parts.map((part) => part.sql).join(' OR ')})`,
    bindings: parts.flatMap((part) => part.bindings),
  }
}

/** Of these channels, those this resident has a working contact for. */
export async function channelsReaching(residentId: number, channelIds: string[]) {
  const conditions = channelIds.map((id) => contactFor(id) ?? { sql: '1 = 1', bindings: [] })
  if (conditions.length === 0) return new Set<string>()
  const row = await db
    .from('residents')
    .where('id', residentId)
    .select(
      conditions.map((condition, index) =>
        db.raw(`CASE WHEN ${condition.sql} THEN 1 ELSE 0 END AS reach_${index}`, condition.bindings)
      )
    )
    .first()
  return new Set(channelIds.filter((_, index) => Number(row?.[`reach_${index}`]) === 1))
}
