import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import Resident from '#models/residents/resident'
import privacyRegistry from '#services/residents/privacy_registry'
import { withoutWholeValues } from '#services/platform/infrastructure/contact_redaction'

// Rows that exist only because of the resident; erasure deletes them.
const PERSONAL_TABLES = [
  'resident_areas',
  'resident_interests',
  'scheme_members',
  'consents',
  'requested_consents',
  'channel_preferences',
  'demographics',
  'resident_tokens',
  'resident_sessions',
  'contact_changes',
  'resident_contacts',
  'contact_verifications',
]

/**
 * The right to erasure: a resident's personal data is removed at once. The
 * resident row stays, emptied and marked erased, and the alerts they were
 * sent stay as anonymous deliveries, so that the statistics do not change.
 * Other modules and plugins remove what they hold through the
 * `resident:erased` event and their section of the privacy registry.
 */
export default class ResidentErasure {
  static async erase(residentId: number) {
    const resident = await Resident.findOrFail(residentId)
    if (resident.status === 'erased') return
    const name = resident.name?.trim() ?? ''
    // First, while the resident's rows still name them: messaging skips their pending deliveries
    // (a send job would otherwise claim them and find nobody), and plugins delete what they own.
    await emitter.emit('resident:erased', { residentId: residentId })

    // Read before anything is deleted; the sections below run outside the transaction (SQLite
    // has one writer, so a section writing through its own connection would wait for it).
    const formerContacts = await this.#everyContact(db.connection(), resident)
    // What copies elsewhere may quote: the contacts as stored and as people type them, and the name.
    const traces = [
      ...formerContacts,
      ...formerContacts.filter((contact) => contact.startsWith('+44')).map(nationalNumber),
      ...(name.length > 2 ? [name] : []),
    ]
    await privacyRegistry.eraseAll({ residentId: residentId, traces })

    await db.transaction(async (trx) => {
      for (const table of PERSONAL_TABLES) {
        await trx.from(table).where('resident_id', residentId).delete()
      }
      // Who did what and when stays accountable; the old and new values were the resident's data.
      await trx
        .from('audit_logs')
        .where('subject_type', 'resident')
        .where('subject_id', residentId)
        .whereNotNull('details')
        .update({ details: JSON.stringify({ erased: true }) })
      await this.#scrubResidentSearches(trx, traces)
      await this.#scrubImportReports(trx, formerContacts)
      // Without SMTP, Beacon keeps copies of its email (with the resident's name) in the outbox:
      // to every address they had or were asked to confirm.
      const emails = formerContacts.filter((contact) => contact.includes('@'))
      if (emails.length) {
        await trx
          .from('outbox_emails')
          .whereRaw(`lower(to_address) in (${emails.map(() => '?').join(', ')})`, emails)
          .delete()
      }

      resident.useTransaction(trx)
      resident.merge({
        email: null,
        name: 'Erased',
        phone: null,
        phoneVerifiedAt: null,
        landline: null,
        landlineVerifiedAt: null,
        postcode: null,
        lat: null,
        lng: null,
        knownToOfficer: false,
        communityInfluencer: false,
        referral: null,
        status: 'erased',
        erasedAt: DateTime.now(),
        emailBouncedAt: null,
      })
      await resident.save()
    })
  }

  /**
   * Every email address and phone number the resident had or was asked to
   * confirm: the current ones, the new ones in contact changes (pending or
   * confirmed), and the old and new values staff edits recorded about them.
   * Read before those rows are deleted or emptied. Emails in lower case.
   */
  static async #everyContact(client: QueryClientContract, resident: Resident) {
    const values: unknown[] = [resident.email, resident.phone, resident.landline]
    const changes = await client
      .from('contact_changes')
      .where('resident_id', resident.id)
      .select('new_value')
    values.push(...changes.map((change) => change.new_value))
    const edits = await client
      .from('audit_logs')
      .where('subject_type', 'resident')
      .where('subject_id', resident.id)
      .where('action', 'resident.updated')
      .whereNotNull('details')
      .select('details')
    for (const edit of edits) {
      const details = typeof edit.details === 'string' ? JSON.parse(edit.details) : edit.details
      for (const field of ['email', 'phone', 'landline']) {
        const change = details?.changes?.[field]
        if (change) values.push(change.from, change.to)
      }
    }
    const contacts = values
      .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
      .map((value) => (value.includes('@') ? value.trim().toLowerCase() : value.trim()))
    return [...new Set(contacts)]
  }

  /**
   * Staff searches and listings of residents quote what was typed, which may
   * be the resident's name or contacts; entries about this resident were
   * emptied above. Only the resident's own words go: other entries, and other
   * people's words, stay as they were.
   */
  static async #scrubResidentSearches(trx: TransactionClientContract, traces: string[]) {
    if (traces.length === 0) return
    const rows = await trx
      .from('audit_logs')
      .whereIn('action', ['residents.searched', 'residents.listed'])
      .whereNotNull('details')
      .where((query) => {
        // A number may have been typed spaced: its last six digits are together either way.
        for (const trace of traces) {
          const needle = /^\+?\d+$/.test(trace) ? trace.slice(-6) : trace.toLowerCase()
          query.orWhereRaw('lower(cast(details as text)) like ?', [`%${needle}%`])
        }
      })
      .select('id', 'details')
    for (const row of rows) {
      const text = typeof row.details === 'string' ? row.details : JSON.stringify(row.details)
      const details = withoutWholeValues(text, traces)
      if (details !== text) await trx.from('audit_logs').where('id', row.id).update({ details })
    }
  }

  /** An import's report lists each row of the file it read, with the name and contacts. */
  static async #scrubImportReports(trx: TransactionClientContract, contacts: string[]) {
    if (contacts.length === 0) return
    // Files keep phone numbers as typed, so no SQL pattern finds them all: read each report.
    // Imports are few (an admin moving from another system), and erasure is rare.
    const imports = await trx.from('resident_imports').whereNotNull('report').select('id', 'report')
    for (const row of imports) {
      const report = JSON.parse(row.report) as { rows?: ImportReportRow[] }
      let changed = false
      for (const line of report.rows ?? []) {
        if (!contacts.some((contact) => belongsTo(line, contact))) continue
        Object.assign(line, { name: 'Erased', email: '', mobile: '', landline: '' })
        changed = true
      }
      if (changed) {
        await trx
          .from('resident_imports')
          .where('id', row.id)
          .update({ report: JSON.stringify(report) })
      }
    }
  }
}

interface ImportReportRow {
  name: string
  email: string
  mobile: string
  landline: string
}

/** Import rows keep the cells as written: compare without case or spacing. */
function belongsTo(line: ImportReportRow, contact: string) {
  const plain = (value: string) => value.toLowerCase().replace(/[\s()-]/g, '')
  const target = plain(contact)
  return [line.email, line.mobile, line.landline].some(
    (cell) => cell && (plain(cell) === target || plain(cell).replace(/^0/, '+44') === target)
  )
}

/** +447700900123 as people write it at home: 07700900123. */
function nationalNumber(international: string) {
  return `0${international.slice(3)}`
}
