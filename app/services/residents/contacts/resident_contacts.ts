import { createHmac } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import env from '#start/env'
import {
  CONTACT_KIND,
  RECORD_CONTACT_KINDS,
  type NewResidentContact,
  type ResidentContact,
  type ResidentContacts as ResidentContactsContract,
} from '#contracts/contacts'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'

const LABEL_LENGTH = 120

/** Keyed with APP_KEY: the hash of a phone number or an endpoint gives nothing away by itself. */
function hashOf(kind: string, value: string) {
  return createHmac('sha256', env.get('APP_KEY').release())
    .update(`${kind}\n${value}`)
    .digest('hex')
}

function checkKind(kind: string) {
  if (!CONTACT_KIND.test(kind) || (RECORD_CONTACT_KINDS as readonly string[]).includes(kind)) {
    throw new Error(
      `"${kind}" cannot be a resident contact's kind: use lowercase letters, digits and underscores, and not email, mobile or landline (they are on the resident's record)`
    )
  }
}

function toDate(value: unknown): Date | null {
  return fromStoredTime(value)?.toJSDate() ?? null
}

function present(row: Record<string, any>): ResidentContact {
  return {
    id: Number(row.id),
    residentId: Number(row.resident_id),
    kind: row.kind,
    value: row.encrypted ? (encryption.decrypt<string>(row.value) ?? '') : row.value,
    label: row.label ?? null,
    createdAt: toDate(row.created_at)!,
    lastUsedAt: toDate(row.last_used_at),
    invalidAt: toDate(row.invalid_at),
  }
}

/**
 * Residents' contacts other than those on their record: a push
 * subscription per browser, or a kind a plugin defines. Plugins use them
 * through `context.contacts`; targeting counts and picks residents by them
 * (contact_reach.ts).
 */
class ResidentContactBook implements ResidentContactsContract {
  async add({ residentId, kind, value, label = null, personal = true }: NewResidentContact) {
    checkKind(kind)
    if (!value) throw new Error('A resident contact needs a value')
    const valueHash = hashOf(kind, value)
    const trimmedLabel = label?.trim().slice(0, LABEL_LENGTH) || null
    const same = () =>
      db
        .from('resident_contacts')
        .where('resident_id', residentId)
        .where('kind', kind)
        .where('value_hash', valueHash)
    const existing = await same().first()
    if (existing) {
      // The same browser subscribing again: one contact, working again, its label refreshed.
      await same().update({ label: trimmedLabel ?? existing.label, invalid_at: null })
    } else {
      await db
        .table('resident_contacts')
        .insert({
          resident_id: residentId,
          kind,
          value: personal ? encryption.encrypt(value) : value,
          encrypted: personal,
          value_hash: valueHash,
          label: trimmedLabel,
          created_at: sqlTime(),
        })
        .onConflict(['resident_id', 'kind', 'value_hash'])
        .ignore()
    }
    return present(await same().firstOrFail())
  }

  async list(residentId: number, options: { kind?: string; includeInvalid?: boolean } = {}) {
    const query = db.from('resident_contacts').where('resident_id', residentId).orderBy('id')
    if (options.kind) query.where('kind', options.kind)
    if (!options.includeInvalid) query.whereNull('invalid_at')
    const rows = await query
    return rows.map(present)
  }

  async find(kind: string, value: string) {
    const row = await db
      .from('resident_contacts')
      .where('kind', kind)
      .where('value_hash', hashOf(kind, value))
      .orderBy('id')
      .first()
    return row ? present(row) : null
  }

  async touch(contactId: number) {
    await db.from('resident_contacts').where('id', contactId).update({ last_used_at: sqlTime() })
  }

  async listFor(residentIds: number[], options: { kind?: string; includeInvalid?: boolean } = {}) {
    const found = new Map<number, ResidentContact[]>()
    // Chunked: SQLite allows a limited number of bound values in one statement.
    for (let start = 0; start < residentIds.length; start += 500) {
      const query = db
        .from('resident_contacts')
        .whereIn('resident_id', residentIds.slice(start, start + 500))
        .orderBy('id')
      if (options.kind) query.where('kind', options.kind)
      if (!options.includeInvalid) query.whereNull('invalid_at')
      for (const row of await query) {
        const contact = present(row)
        const list = found.get(contact.residentId) ?? []
        list.push(contact)
        found.set(contact.residentId, list)
      }
    }
    return found
  }

  async touchAll(contactIds: number[]) {
    const now = sqlTime()
    for (let start = 0; start < contactIds.length; start += 500) {
      await db
        .from('resident_contacts')
        .whereIn('id', contactIds.slice(start, start + 500))
        .update({ last_used_at: now })
    }
  }

  async markInvalid(contactId: number) {
    await db
      .from('resident_contacts')
      .where('id', contactId)
      .whereNull('invalid_at')
      .update({ invalid_at: sqlTime() })
  }

  /** Every working contact of a kind the resident has, e.g. when a provider names no single one. */
  async markAllInvalid(residentId: number, kind: string) {
    await db
      .from('resident_contacts')
      .where('resident_id', residentId)
      .where('kind', kind)
      .whereNull('invalid_at')
      .update({ invalid_at: sqlTime() })
  }

  async remove(contactId: number) {
    await db.from('resident_contacts').where('id', contactId).delete()
  }

  /** For the resident's data download: every contact, working or not, as they would read it. */
  async forDownload(residentId: number) {
    const contacts = await this.list(residentId, { includeInvalid: true })
    return contacts.map((contact) => ({
      kind: contact.kind,
      label: contact.label,
      value: contact.value,
      addedAt: contact.createdAt.toISOString(),
      lastUsedAt: contact.lastUsedAt?.toISOString() ?? null,
      stoppedWorkingAt: contact.invalidAt?.toISOString() ?? null,
    }))
  }

  /** Erasure: the contacts go with the resident's other personal data. */
  async eraseFor(residentId: number) {
    await db.from('resident_contacts').where('resident_id', residentId).delete()
  }
}

const ResidentContacts = new ResidentContactBook()
export default ResidentContacts
