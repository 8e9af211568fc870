import { DateTime } from 'luxon'
import type Subscriber from '#models/subscriber'
import type { SubscriberStatus } from '#models/subscriber'

export interface ResidentChanges {
  name: string
  email: string | null
  phone: string | null
  landline: string | null
  status: Exclude<SubscriberStatus, 'erased'>
  knownToOfficer: boolean
  communityInfluencer: boolean
}

export type FieldChange = { from: unknown; to: unknown }

/**
 * A member of staff correcting a resident's details. Returns the fields that
 * changed, with their old and new values, for the audit log.
 */
export default class ResidentEditing {
  static async update(subscriber: Subscriber, input: ResidentChanges) {
    const changes: Record<string, FieldChange> = {}
    for (const field of Object.keys(input) as (keyof ResidentChanges)[]) {
      const from = subscriber[field] ?? null
      const to = input[field] ?? null
      if (from !== to) changes[field] = { from, to }
    }
    if (Object.keys(changes).length === 0) return changes

    subscriber.merge(input)
    // Staff typing an address or number does not prove the resident owns it.
    if (changes.email) subscriber.emailVerifiedAt = null
    if (changes.phone) subscriber.phoneVerifiedAt = null
    if (changes.status) {
      subscriber.unsubscribedAt = input.status === 'unsubscribed' ? DateTime.now() : null
    }
    await subscriber.save()
    return changes
  }
}
