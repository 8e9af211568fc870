import vine from '@vinejs/vine'
import Area from '#models/areas/area'
import Interest from '#models/residents/interest'
import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import PostcodeLookup from '#services/areas/postcode_lookup'
import type { CsvRow } from '#services/residents/import/csv_table'
import type { ColumnMapping, ImportField } from '#services/residents/import/import_mapping'
import { comparable, type Candidate, type ReportRow } from '#services/residents/import/import_rows'

/** The wards and interests a row may name, read once per import rather than once per row. */
export interface ImportLookups {
  wardsByCode: Map<string, Area>
  wardsByName: Map<string, Area[]>
  interests: Map<string, Interest>
}

const MAX_EVIDENCE = 500

function quoted(value: string) {
  return `“${value.length > 60 ? `${value.slice(0, 57)}…` : value}”`
}

export async function loadImportLookups(): Promise<ImportLookups> {
  const wards = await Area.query().where('level', 'ward').select('id', 'code', 'name', 'parent_id')
  const wardsByName = new Map<string, Area[]>()
  for (const ward of wards) {
    wardsByName.set(comparable(ward.name), [
      ...(wardsByName.get(comparable(ward.name)) ?? []),
      ward,
    ])
  }
  const interests = new Map<string, Interest>()
  for (const interest of await Interest.all()) {
    interests.set(comparable(interest.slug), interest)
    interests.set(comparable(interest.name), interest)
  }
  return {
    wardsByCode: new Map(wards.map((ward) => [comparable(ward.code), ward])),
    wardsByName,
    interests,
  }
}

/**
 * Checks one row on its own (duplicates are looked for afterwards, across
 * rows): every reason it cannot be imported, in plain English, or the
 * resident it would add.
 */
export function checkImportRow(
  row: CsvRow,
  columnCount: number,
  mapping: ColumnMapping,
  lookups: ImportLookups
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

  const email = comparable(cell('email'))
  if (email && (email.length > 254 || !vine.helpers.isEmail(email))) {
    reasons.push(`The email address ${quoted(cell('email'))} is not a valid email address`)
  }
  const phone = checkPhone(cell('mobile'), 'mobile', reasons)
  const landline = checkPhone(cell('landline'), 'landline', reasons)
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

  const areaIds = placeInWard(cell('ward'), lookups, reasons)
  const interestIds = findInterests(cell('interests'), lookups, reasons)

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

function checkPhone(value: string, kind: 'mobile' | 'landline', reasons: string[]) {
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

/** The ward (by code, or by name when only one ward has it) and its district. */
function placeInWard(value: string, lookups: ImportLookups, reasons: string[]) {
  if (!value) {
    reasons.push('The ward is missing')
    return []
  }
  let ward = lookups.wardsByCode.get(comparable(value))
  if (!ward) {
    const named = lookups.wardsByName.get(comparable(value)) ?? []
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

function findInterests(value: string, lookups: ImportLookups, reasons: string[]) {
  const ids = new Set<number>()
  for (const name of value
    .split(/[;|,]/)
    .map((part) => part.trim())
    .filter(Boolean)) {
    const interest = lookups.interests.get(comparable(name))
    if (interest) ids.add(interest.id)
    else {
      reasons.push(
        `No interest is called ${quoted(name)}: add it under Interests and schemes, or remove it from the file`
      )
    }
  }
  return [...ids]
}
