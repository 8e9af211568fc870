import { DateTime } from 'luxon'
import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Area from '#models/areas/area'
import Interest from '#models/residents/interest'
import SubscriberImport from '#models/residents/subscriber_import'
import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import PostcodeLookup from '#services/areas/postcode_lookup'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import type { CsvRow, CsvTable } from '#services/platform/infrastructure/csv_table'
import type { ColumnMapping, ImportField } from '#services/residents/import/import_mapping'

/** new: imported (or, in a dry run, would be); duplicate: skipped; rejected: cannot be imported as it is. */
export type RowOutcome = 'new' | 'duplicate' | 'rejected'

export interface ReportRow {
  row: number
  outcome: RowOutcome
  reasons: string[]
  name: string
  email: string
  mobile: string
  landline: string
  subscriberId?: number
}

export interface ImportCounts {
  total: number
  imported: number
  duplicates: number
  rejected: number
}

export interface ImportReport {
  headers: string[]
  mapping: ColumnMapping
  encoding: string
  blankRows: number[]
  counts: ImportCounts
  rows: ReportRow[]
}

interface NewResident {
  name: string
  email: string | null
  phone: string | null
  landline: string | null
  postcode: string | null
  areaIds: number[]
  interestIds: number[]
  consentEvidence: string
}

type IdentifiedRow = Pick<NewResident, 'email' | 'phone' | 'landline' | 'name'> & { id: number }

interface Candidate {
  report: ReportRow
  resident: NewResident | null
}

interface Lookups {
  wardsByCode: Map<string, Area>
  wardsByName: Map<string, Area[]>
  interests: Map<string, Interest>
}

export interface ImportContext {
  organisationId: number
  userId: number
  ip: string
  filename: string
}

// SQLite allows 500 terms in the compound SELECT that a multi-row insert becomes there.
const CHUNK = 250
const MAX_EVIDENCE = 500

function quoted(value: string) {
  return `“${value.length > 60 ? `${value.slice(0, 57)}…` : value}”`
}

const key = (value: string) => value.trim().toLowerCase()

function chunks<T>(items: T[], size = CHUNK) {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size))
  }
  return result
}

/**
 * Imports residents from another system's CSV export for one organisation.
 * A dry run reports what would happen to every row; the import does it.
 * Either way each row ends up imported, skipped as a duplicate or rejected
 * with its reasons, so the three always add up to the rows in the file.
 */
export default class ResidentImport {
  static async dryRun(
    table: CsvTable,
    mapping: ColumnMapping,
    context: ImportContext,
    previous?: SubscriberImport | null
  ) {
    const candidates = await this.#analyse(table, mapping)
    const report = this.#report(table, mapping, candidates)
    const record = previous ?? new SubscriberImport()
    record.merge({
      userId: context.userId,
      organisationId: context.organisationId,
      filename: context.filename,
      status: 'dry_run',
      totalRows: report.counts.total,
      importedRows: report.counts.imported,
      rejectedRows: report.counts.rejected,
      report: report as unknown as Record<string, unknown>,
    })
    await record.save()
    return record
  }

  static async run(
    table: CsvTable,
    mapping: ColumnMapping,
    context: ImportContext,
    record: SubscriberImport
  ) {
    // The database may have changed since the dry run: every row is checked again.
    const candidates = await this.#analyse(table, mapping)
    // One transaction per batch, so that a long import does not hold SQLite's write lock
    // throughout; after a failure, importing again skips the rows already in as duplicates.
    for (const batch of chunks(candidates.filter((candidate) => candidate.resident))) {
      await db.transaction((trx) => this.#insert(batch, context, record.id, trx))
    }
    const report = this.#report(table, mapping, candidates)
    record.merge({
      userId: context.userId,
      status: 'imported',
      createdAt: DateTime.now(),
      totalRows: report.counts.total,
      importedRows: report.counts.imported,
      rejectedRows: report.counts.rejected,
      report: report as unknown as Record<string, unknown>,
    })
    await record.save()
    return record
  }

  static #report(table: CsvTable, mapping: ColumnMapping, candidates: Candidate[]): ImportReport {
    const rows = candidates.map((candidate) => candidate.report)
    const count = (outcome: RowOutcome) => rows.filter((row) => row.outcome === outcome).length
    return {
      headers: table.headers,
      mapping,
      encoding: table.encoding,
      blankRows: table.blankRows,
      counts: {
        total: rows.length,
        imported: count('new'),
        duplicates: count('duplicate'),
        rejected: count('rejected'),
      },
      rows,
    }
  }

  static async #analyse(table: CsvTable, mapping: ColumnMapping) {
    const lookups = await this.#lookups()
    const candidates = table.rows.map((row) =>
      this.#check(row, table.headers.length, mapping, lookups)
    )
    this.#markDuplicatesInFile(candidates)
    await this.#markAlreadyRegistered(candidates)
    return candidates
  }

  static async #lookups(): Promise<Lookups> {
    const wards = await Area.query()
      .where('level', 'ward')
      .select('id', 'code', 'name', 'parent_id')
    const wardsByName = new Map<string, Area[]>()
    for (const ward of wards) {
      wardsByName.set(key(ward.name), [...(wardsByName.get(key(ward.name)) ?? []), ward])
    }
    const interests = new Map<string, Interest>()
    for (const interest of await Interest.all()) {
      interests.set(key(interest.slug), interest)
      interests.set(key(interest.name), interest)
    }
    return {
      wardsByCode: new Map(wards.map((ward) => [key(ward.code), ward])),
      wardsByName,
      interests,
    }
  }

  static #check(
    row: CsvRow,
    columnCount: number,
    mapping: ColumnMapping,
    lookups: Lookups
  ): Candidate {
    const cell = (field: ImportField) => {
      const column = mapping[field]
      return column === undefined ? '' : (row.cells[column] ?? '')
    }
    const report: ReportRow = {
      row: row.row,
      outcome: 'rejected',
      reasons: [],
      name: cell('name'),
      email: cell('email'),
      mobile: cell('mobile'),
      landline: cell('landline'),
    }
    if (row.unreadable) {
      report.reasons.push(row.unreadable)
      return { report, resident: null }
    }
    // Trailing empty cells are harmless; any other difference means the values have shifted column.
    const extra = row.cells.slice(columnCount)
    if (row.cells.length < columnCount || extra.some((value) => value !== '')) {
      report.reasons.push(
        `This row has ${row.cells.length} values but the file has ${columnCount} columns: check it for a missing or extra comma`
      )
      return { report, resident: null }
    }

    const reasons = report.reasons
    const name = cell('name')
    if (!name) reasons.push('The name is missing')
    else if (name.length > 100) reasons.push('The name is longer than 100 characters')

    const email = key(cell('email'))
    if (email && (email.length > 254 || !vine.helpers.isEmail(email))) {
      reasons.push(`The email address ${quoted(cell('email'))} is not a valid email address`)
    }
    const phone = this.#phone(cell('mobile'), 'mobile', reasons)
    const landline = this.#phone(cell('landline'), 'landline', reasons)
    if (!email && !cell('mobile') && !cell('landline')) {
      reasons.push(
        'There is no email address, mobile or landline, so Beacon could not reach this person'
      )
    }

    let postcode: string | null = null
    if (cell('postcode')) {
      postcode = PostcodeLookup.normalise(cell('postcode'))
      if (!postcode) reasons.push(`The postcode ${quoted(cell('postcode'))} is not a UK postcode`)
    }

    const areaIds = this.#ward(cell('ward'), lookups, reasons)
    const interestIds = this.#interests(cell('interests'), lookups, reasons)

    const consentEvidence = cell('consentEvidence')
    if (!consentEvidence) {
      reasons.push(
        'The consent evidence is missing: Beacon imports only residents whose consent you can show'
      )
    } else if (consentEvidence.length > MAX_EVIDENCE) {
      reasons.push(`The consent evidence is longer than ${MAX_EVIDENCE} characters`)
    }

    if (reasons.length > 0) return { report, resident: null }
    report.outcome = 'new'
    return {
      report,
      resident: {
        name,
        email: email || null,
        phone,
        landline,
        postcode,
        areaIds,
        interestIds,
        consentEvidence,
      },
    }
  }

  static #phone(value: string, kind: 'mobile' | 'landline', reasons: string[]) {
    if (!value) return null
    const result = kind === 'mobile' ? PhoneNumbers.mobile(value) : PhoneNumbers.landline(value)
    if (result.valid) return result.e164
    if (result.reason === 'wrong_type') {
      reasons.push(
        kind === 'mobile'
          ? `The mobile number ${quoted(value)} is a landline number: put it in the landline column`
          : `The landline number ${quoted(value)} is a mobile number: put it in the mobile column`
      )
    } else {
      reasons.push(`The ${kind} number ${quoted(value)} is not a valid UK ${kind} number`)
    }
    return null
  }

  static #ward(value: string, lookups: Lookups, reasons: string[]) {
    if (!value) {
      reasons.push('The ward is missing')
      return []
    }
    let ward = lookups.wardsByCode.get(key(value))
    if (!ward) {
      const named = lookups.wardsByName.get(key(value)) ?? []
      if (named.length > 1) {
        reasons.push(`More than one ward is called ${quoted(value)}: use the ward code instead`)
        return []
      }
      ward = named[0]
    }
    if (!ward) {
      reasons.push(`No ward has the code or name ${quoted(value)}`)
      return []
    }
    return [ward.id, ...(ward.parentId ? [ward.parentId] : [])]
  }

  static #interests(value: string, lookups: Lookups, reasons: string[]) {
    const ids = new Set<number>()
    for (const name of value
      .split(/[;|,]/)
      .map((part) => part.trim())
      .filter(Boolean)) {
      const interest = lookups.interests.get(key(name))
      if (interest) ids.add(interest.id)
      else {
        reasons.push(
          `No interest is called ${quoted(name)}: add it under Interests and schemes, or remove it from the file`
        )
      }
    }
    return [...ids]
  }

  /** The keys that make two rows one person; the first is unique among the rows being imported. */
  static #identities(resident: Pick<NewResident, 'email' | 'phone' | 'landline' | 'name'>) {
    return [
      resident.email ? { id: `email:${resident.email}`, what: 'same email address' } : null,
      resident.phone ? { id: `phone:${resident.phone}`, what: 'same mobile number' } : null,
      // A shared home number alone does not make two people one; with the same name it does.
      resident.landline
        ? {
            id: `landline:${resident.landline}:${key(resident.name)}`,
            what: 'same name and landline',
          }
        : null,
    ].filter((identity) => identity !== null)
  }

  static #markDuplicatesInFile(candidates: Candidate[]) {
    const firstRows = new Map<string, number>()
    for (const candidate of candidates) {
      if (!candidate.resident) continue
      const identities = this.#identities(candidate.resident)
      const earlier = identities.find((identity) => firstRows.has(identity.id))
      if (earlier) {
        this.#skip(
          candidate,
          `Duplicate of row ${firstRows.get(earlier.id)} in the file (${earlier.what})`
        )
        continue
      }
      for (const identity of identities) firstRows.set(identity.id, candidate.report.row)
    }
  }

  static async #markAlreadyRegistered(candidates: Candidate[]) {
    const pending = () => candidates.filter((candidate) => candidate.resident)
    const known = new Set<string>()
    const emails = pending().flatMap((candidate) => candidate.resident!.email ?? [])
    for (const batch of chunks(emails, 500)) {
      // Beacon stores email addresses in lower case, so the unique index answers this.
      const rows = await db.from('subscribers').whereIn('email', batch).select('email')
      for (const row of rows) known.add(`email:${row.email}`)
    }
    const phones = pending().flatMap((candidate) => candidate.resident!.phone ?? [])
    for (const batch of chunks(phones, 500)) {
      const rows = await db.from('subscribers').whereIn('phone', batch).select('phone')
      for (const row of rows) known.add(`phone:${row.phone}`)
    }
    const landlines = pending().flatMap((candidate) => candidate.resident!.landline ?? [])
    for (const batch of chunks(landlines, 500)) {
      const rows = await db
        .from('subscribers')
        .whereIn('landline', batch)
        .select('landline', 'name')
      for (const row of rows) known.add(`landline:${row.landline}:${key(row.name)}`)
    }

    for (const candidate of pending()) {
      const match = this.#identities(candidate.resident!).find((identity) => known.has(identity.id))
      if (match) this.#skip(candidate, `Already registered with Beacon (${match.what})`)
    }
  }

  static #skip(candidate: Candidate, reason: string) {
    candidate.report.outcome = 'duplicate'
    candidate.report.reasons.push(reason)
    candidate.resident = null
  }

  static async #insert(
    batch: Candidate[],
    context: ImportContext,
    importId: number,
    trx: TransactionClientContract
  ) {
    const now = sqlTime()
    const areas: { subscriber_id: number; area_id: number }[] = []
    const consents: { subscriber_id: number; organisation_id: number; granted_at: string }[] = []
    const interests: { subscriber_id: number; interest_id: number }[] = []
    const audit: Record<string, unknown>[] = []

    // Someone may have signed up with one of these emails or mobiles since the check;
    // the database skips that row rather than failing the whole batch. (Through knex:
    // Lucid leaves out RETURNING on SQLite, which has supported it since 3.35.)
    const inserted: IdentifiedRow[] = await trx
      .knexQuery()
      .table('subscribers')
      .insert(
        batch.map(({ resident }) => ({
          name: resident!.name,
          email: resident!.email,
          phone: resident!.phone,
          landline: resident!.landline,
          postcode: resident!.postcode,
          status: 'active',
          source: 'import',
          language: 'en',
          priority_threshold: 1,
          registered_by_user_id: context.userId,
          created_at: now,
          updated_at: now,
        }))
      )
      .onConflict()
      .ignore()
      .returning(['id', 'email', 'phone', 'landline', 'name'])
    // Rows come back matched by identity, not by position: the order RETURNING gives is not promised.
    const ids = new Map(inserted.map((row) => [this.#identities(row)[0].id, Number(row.id)]))

    for (const candidate of batch) {
      const resident = candidate.resident!
      const subscriberId = ids.get(this.#identities(resident)[0].id)
      if (!subscriberId) {
        this.#skip(
          candidate,
          'Already registered with Beacon (registered while the file was being imported)'
        )
        continue
      }
      candidate.report.subscriberId = subscriberId
      for (const areaId of resident.areaIds)
        areas.push({ subscriber_id: subscriberId, area_id: areaId })
      consents.push({
        subscriber_id: subscriberId,
        organisation_id: context.organisationId,
        granted_at: now,
      })
      for (const interestId of resident.interestIds) {
        interests.push({ subscriber_id: subscriberId, interest_id: interestId })
      }
      audit.push({
        user_id: context.userId,
        organisation_id: context.organisationId,
        action: 'resident.imported',
        subject_type: 'subscriber',
        subject_id: subscriberId,
        details: JSON.stringify({
          importId,
          filename: context.filename,
          row: candidate.report.row,
          consentEvidence: resident.consentEvidence,
        }),
        ip: context.ip,
        created_at: now,
      })
    }

    await this.#insertAll(trx, 'subscriber_areas', areas)
    await this.#insertAll(trx, 'consents', consents)
    await this.#insertAll(trx, 'subscriber_interests', interests)
    await this.#insertAll(trx, 'audit_logs', audit)
  }

  static async #insertAll(
    trx: TransactionClientContract,
    table: string,
    rows: Record<string, unknown>[]
  ) {
    for (const batch of chunks(rows)) await trx.insertQuery().table(table).multiInsert(batch)
  }
}
