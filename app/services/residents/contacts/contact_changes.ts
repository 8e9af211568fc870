import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import ContactChange, { type ContactField } from '#models/residents/contact_change'
import Resident from '#models/residents/resident'
import AuditLog from '#models/platform/audit_log'
import type { FieldChange } from '#services/residents/records/resident_editing'
import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import { hashSecret } from '#services/platform/infrastructure/secret_hash'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

// Long enough for a resident who reads their email once a week.
export const CONTACT_CHANGE_LIFETIME_DAYS = 7

const LABELS: Record<ContactField, string> = {
  email: 'email address',
  phone: 'mobile number',
  landline: 'landline number',
}

/** Who asked for the change: a member of staff of an organisation, or the resident. */
export type ChangeRequester =
  | {
      userId: number | null
      organisationId: number | null
      /** Named in the emails: "Northshire Police asked to change…". */
      organisationName: string
      byResident?: false
    }
  | { byResident: true; userId: null; organisationId: null }

/** Where the confirmation link went: the new address, the resident's current email, or nowhere. */
export type LinkSent = 'new_address' | 'current_email' | 'nowhere'

export type ChangeState = 'ready' | 'used' | 'expired' | 'invalid'

export type ConfirmResult =
  | { state: 'confirmed'; change: ContactChange }
  | { state: ChangeState | 'taken'; change?: ContactChange }

/** How a stored value reads to a person: phone numbers as they are dialled. */
export function shownValue(field: ContactField, value: string) {
  return field === 'email' ? value : PhoneNumbers.display(value)
}

/**
 * A resident's email address or phone number changes only once the resident
 * confirms it, so nobody (staff of any organisation included) can point a
 * resident's account at an address they hold.
 *
 * An email change is confirmed by a link sent to the new address. Until text
 * messages exist, a phone change is confirmed by a link sent to the
 * resident's current email address: it proves the resident agrees, not that
 * they hold the phone. A resident with no email address keeps the change
 * pending, shown to staff, until it expires. Whoever held the old email
 * address is told, so a change nobody asked for does not go unnoticed.
 */
export default class ContactChanges {
  static async request(
    resident: Resident,
    field: ContactField,
    newValue: string,
    by: ChangeRequester
  ): Promise<LinkSent> {
    const secret = randomBytes(32).toString('base64url')
    await db.transaction(async (trx) => {
      // Only the latest request for a field counts: an earlier link stops working.
      await trx
        .from('contact_changes')
        .where('resident_id', resident.id)
        .where('field', field)
        .whereNull('confirmed_at')
        .whereNull('cancelled_at')
        .update({ cancelled_at: sqlTime() })
      await ContactChange.create(
        {
          residentId: resident.id,
          field,
          newValue,
          tokenHash: hashSecret(secret),
          requestedByUserId: by.userId,
          organisationId: by.organisationId,
          expiresAt: DateTime.now().plus({ days: CONTACT_CHANGE_LIFETIME_DAYS }),
        },
        { client: trx }
      )
    })

    const state = {
      name: resident.name,
      what: LABELS[field],
      newValue: shownValue(field, newValue),
      organisationName: by.byResident ? null : by.organisationName,
      byResident: by.byResident === true,
      confirmUrl: urlFor(
        'contact_changes.show',
        { token: secret },
        { prefixUrl: env.get('APP_URL') }
      ),
      lifetimeDays: CONTACT_CHANGE_LIFETIME_DAYS,
    }
    const linkTo = field === 'email' ? newValue : resident.email
    if (linkTo) {
      await TransactionalMail.queue(
        linkTo,
        `Confirm your new ${LABELS[field]}`,
        'contact_change_confirm',
        state
      )
    }
    const oldEmail = field === 'email' ? await this.#lastKnownEmail(resident) : null
    if (oldEmail) {
      await TransactionalMail.queue(
        oldEmail,
        'A change to the email address for your alerts',
        'contact_change_notice',
        state
      )
    }
    if (!linkTo) return 'nowhere'
    return field === 'email' ? 'new_address' : 'current_email'
  }

  /**
   * Where the resident last received email: the current address, or else the
   * one staff removed before removing one was refused (the audit log keeps it),
   * so that a resident whose address was taken away still hears of a new one.
   */
  static async #lastKnownEmail(resident: Resident): Promise<string | null> {
    if (resident.email) return resident.email
    const edits = await AuditLog.query()
      .where('subject_type', 'resident')
      .where('subject_id', resident.id)
      .where('action', 'resident.updated')
      .orderBy('id', 'desc')
    for (const edit of edits) {
      const change = (edit.details?.changes as Record<string, FieldChange> | undefined)?.email
      if (typeof change?.from === 'string') return change.from
    }
    return null
  }

  /** The changes still waiting for the resident, by field, for staff pages. */
  static async pendingFor(residentId: number) {
    const changes = await ContactChange.query()
      .where('resident_id', residentId)
      .whereNull('confirmed_at')
      .whereNull('cancelled_at')
      .where('expires_at', '>', sqlTime())
    return Object.fromEntries(
      changes.map((change) => [change.field, shownValue(change.field, change.newValue)])
    ) as Partial<Record<ContactField, string>>
  }

  static async inspect(secret: string): Promise<{ state: ChangeState; change?: ContactChange }> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return { state: 'invalid' }
    const change = await ContactChange.findBy('tokenHash', hashSecret(secret))
    if (!change || change.cancelledAt) return { state: 'invalid' }
    if (change.confirmedAt) return { state: 'used', change }
    if (change.expiresAt < DateTime.now()) return { state: 'expired', change }
    const resident = await Resident.find(change.residentId)
    if (!resident || resident.status === 'erased') return { state: 'invalid' }
    return { state: 'ready', change }
  }

  /** Applies the change the link names; the old value goes, and the new one is in use from now. */
  static async confirm(secret: string): Promise<ConfirmResult> {
    const inspected = await this.inspect(secret)
    if (inspected.state !== 'ready') return inspected
    const change = inspected.change!
    return db.transaction(async (trx) => {
      // Households share a landline (sign-up lets them); an email or mobile is one resident's.
      const taken =
        change.field !== 'landline' &&
        (await trx
          .from('residents')
          .where(change.field, change.newValue)
          .whereNot('id', change.residentId)
          .first())
      if (taken) return { state: 'taken' as const, change }
      // Once only, even when two tabs press the button together.
      const claimed = await trx
        .from('contact_changes')
        .where('id', change.id)
        .whereNull('confirmed_at')
        .update({ confirmed_at: sqlTime() })
      if (Number(Array.isArray(claimed) ? claimed[0] : claimed) !== 1) {
        return { state: 'used' as const, change }
      }
      const now = sqlTime()
      const update: Record<string, unknown> = { [change.field]: change.newValue, updated_at: now }
      if (change.field === 'email')
        Object.assign(update, { email_verified_at: now, email_bounced_at: null })
      // A link by email shows the resident agrees, not that they hold the phone.
      if (change.field === 'phone') update.phone_verified_at = null
      if (change.field === 'landline') update.landline_verified_at = null
      await trx.from('residents').where('id', change.residentId).update(update)
      return { state: 'confirmed' as const, change }
    })
  }
}

export { LABELS as CONTACT_LABELS }
