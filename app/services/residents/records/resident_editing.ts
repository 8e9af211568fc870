import { DateTime } from 'luxon'
import type Resident from '#models/residents/resident'
import type { ResidentStatus } from '#models/residents/resident'
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
  status: Exclude<ResidentStatus, 'erased'>
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
  static async update(resident: Resident, input: ResidentChanges, by: ChangeRequester) {
    const changes: Record<string, FieldChange> = {}
    const linksSent: Partial<Record<ContactField, LinkSent>> = {}
    for (const field of Object.keys(input) as (keyof ResidentChanges)[]) {
      const from = resident[field] ?? null
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
    resident.merge(applied)
    if (changes.phone && !changes.phone.pending) resident.phoneVerifiedAt = null
    // Numbers staff enter stay unverified until the resident types back a code.
    if (changes.landline && !changes.landline.pending) resident.landlineVerifiedAt = null
    if (changes.status) {
      resident.unsubscribedAt = input.status === 'unsubscribed' ? DateTime.now() : null
    }
    await resident.save()
    for (const field of pending) {
      linksSent[field] = await ContactChanges.request(resident, field, input[field]!, by)
    }
    return { changes, linksSent }
  }
}
