import { DateTime } from 'luxon'
import type Subscriber from '#models/residents/subscriber'
import type { SubscriberStatus } from '#models/residents/subscriber'
import type { ContactField } from '#models/residents/contact_change'
import ContactChanges, {
  type ChangeRequester,
  type LinkSent,
} from '#services/residents/contacts/contact_changes'

export interface ResidentChanges {
  name: string
  email: string | null
  phone: string | null
  landline: string | null
  status: Exclude<SubscriberStatus, 'erased'>
  knownToOfficer: boolean
  communityInfluencer: boolean
}

/** pending: the new value waits for the resident to confirm it (ContactChanges). */
export type FieldChange = { from: unknown; to: unknown; pending?: true }

const CONTACT_FIELDS: ContactField[] = ['email', 'phone', 'landline']

/**
 * A member of staff correcting a resident's details. Returns the fields that
 * changed, with their old and new values, for the audit log, and where each
 * new contact's confirmation link went.
 *
 * Staff never point a resident's account at an address the resident does
 * not hold: a new email address or phone number waits for the resident to
 * confirm it. Removing a phone number takes effect at once (it only stops
 * texts); removing the email address is the resident's alone, since a new
 * one would then be confirmed by whoever holds it (residentValidator refuses
 * it, and so does this). And staff never make a
 * resident active: only the resident's own confirmation or "resume" does
 * (see statusesStaffMaySet in #validators/resident).
 */
export default class ResidentEditing {
  static async update(subscriber: Subscriber, input: ResidentChanges, by: ChangeRequester) {
    const changes: Record<string, FieldChange> = {}
    const linksSent: Partial<Record<ContactField, LinkSent>> = {}
    for (const field of Object.keys(input) as (keyof ResidentChanges)[]) {
      const from = subscriber[field] ?? null
      const to = input[field] ?? null
      if (from !== to) changes[field] = { from, to }
    }
    if (Object.keys(changes).length === 0) return { changes, linksSent }
    if (changes.email && input.email === null) {
      throw new Error('Only the resident can remove their email address')
    }

    const applied: Partial<ResidentChanges> = { ...input }
    const pending = CONTACT_FIELDS.filter((field) => changes[field] && input[field] !== null)
    for (const field of pending) {
      changes[field].pending = true
      delete applied[field]
    }
    subscriber.merge(applied)
    if (changes.phone && !changes.phone.pending) subscriber.phoneVerifiedAt = null
    if (changes.status) {
      subscriber.unsubscribedAt = input.status === 'unsubscribed' ? DateTime.now() : null
    }
    await subscriber.save()
    for (const field of pending) {
      linksSent[field] = await ContactChanges.request(subscriber, field, input[field]!, by)
    }
    return { changes, linksSent }
  }
}
