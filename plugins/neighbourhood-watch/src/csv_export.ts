import { parse } from 'csv-parse/sync'
import { consented, type RegisterBatch, type RegisterScheme } from './register_data.js'
import type { CsvField } from './settings.js'

/**
 * The register's CSV export: one row per member, the scheme's columns
 * repeated on each (README.md, "CSV exports"). Rows are grouped into schemes
 * by the scheme id; a row with broken data is rejected with its line number,
 * and the others are used.
 */
export function schemesFromCsv(text: string, columns: Record<CsvField, string>): RegisterBatch {
  const batch: RegisterBatch = { schemes: [], rejected: [] }
  let records: string[][]
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      trim: true,
    })
  } catch (error) {
    const line = (error as { lines?: number }).lines
    batch.rejected.push({
      subject: 'The file',
      reason: `It is not a CSV file Beacon can read${line ? ` (the problem is near line ${line})` : ''}`,
    })
    return batch
  }
  const [header = [], ...rows] = records
  const index = Object.fromEntries(
    Object.entries(columns).map(([field, heading]) => [
      field,
      header.findIndex((cell) => cell.toLowerCase() === heading.toLowerCase()),
    ])
  ) as Record<CsvField, number>
  const missing = (['scheme_id', 'scheme_name', 'member_id', 'member_email'] as CsvField[]).filter(
    (field) => index[field] < 0
  )
  if (missing.length > 0) {
    batch.rejected.push({
      subject: 'The file',
      reason: `It has no column ${missing.map((field) => `“${columns[field]}”`).join(', ')} (the column names are set in Settings → Plugins)`,
    })
    return batch
  }

  const byRef = new Map<string, RegisterScheme>()
  rows.forEach((row, position) => {
    const cell = (field: CsvField) => (index[field] >= 0 ? (row[index[field]] ?? '').trim() : '')
    const subject = `Line ${position + 2}`
    const ref = cell('scheme_id')
    if (!ref) return batch.rejected.push({ subject, reason: 'It has no scheme id' })
    let scheme = byRef.get(ref)
    if (!scheme) {
      if (!cell('scheme_name')) {
        return batch.rejected.push({ subject, reason: `Scheme ${ref} has no name` })
      }
      scheme = {
        ref,
        name: cell('scheme_name'),
        kind: 'neighbourhood_watch',
        areaCode: cell('area_code') || null,
        postcode: cell('scheme_postcode') || null,
        coordinator: cell('coordinator_name')
          ? { ref: null, name: cell('coordinator_name'), email: cell('coordinator_email') || null }
          : null,
        members: [],
      }
      byRef.set(ref, scheme)
      batch.schemes.push(scheme)
    }
    // A scheme with no members yet is exported as one row with the member's columns empty.
    if (!cell('member_id') && !cell('member_email') && !cell('member_name')) return
    if (!cell('member_id')) {
      return batch.rejected.push({
        subject,
        reason: `The member of scheme ${ref} has no member id`,
      })
    }
    scheme.members.push({
      ref: cell('member_id'),
      name: cell('member_name'),
      email: cell('member_email'),
      postcode: cell('member_postcode') || null,
      consent: index.consent < 0 ? false : consented(cell('consent')),
      where: `line ${position + 2}`,
    })
  })
  return batch
}
