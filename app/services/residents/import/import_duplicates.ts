import db from '@adonisjs/lucid/services/db'
import {
  comparable,
  inChunks,
  skipAsDuplicate,
  type Candidate,
  type NewResident,
} from '#services/residents/import/import_rows'

/** The keys that make two rows one person; the first is unique among the rows being imported. */
export function identitiesOf(resident: Pick<NewResident, 'email' | 'phone' | 'landline' | 'name'>) {
  return [
    resident.email ? { id: `email:${resident.email}`, what: 'same email address' } : null,
    resident.phone ? { id: `phone:${resident.phone}`, what: 'same mobile number' } : null,
    // A shared home number alone does not make two people one; with the same name it does.
    resident.landline
      ? {
          id: `landline:${resident.landline}:${comparable(resident.name)}`,
          what: 'same name and landline',
        }
      : null,
  ].filter((identity) => identity !== null)
}

/** A row that repeats an earlier row of the same file is skipped, naming that row. */
export function markDuplicatesInFile(candidates: Candidate[]) {
  const firstRows = new Map<string, number>()
  for (const candidate of candidates) {
    if (!candidate.resident) continue
    const identities = identitiesOf(candidate.resident)
    const earlier = identities.find((identity) => firstRows.has(identity.id))
    if (earlier) {
      skipAsDuplicate(
        candidate,
        `Duplicate of row ${firstRows.get(earlier.id)} in the file (${earlier.what})`
      )
      continue
    }
    for (const identity of identities) firstRows.set(identity.id, candidate.report.row)
  }
}

/** A row for somebody Beacon already has (any organisation's resident) is skipped. */
export async function markAlreadyRegistered(candidates: Candidate[]) {
  const pending = () => candidates.filter((candidate) => candidate.resident)
  const known = new Set<string>()
  const emails = pending().flatMap((candidate) => candidate.resident!.email ?? [])
  for (const batch of inChunks(emails, 500)) {
    // Beacon stores email addresses in lower case, so the unique index answers this.
    const rows = await db.from('residents').whereIn('email', batch).select('email')
    for (const row of rows) known.add(`email:${row.email}`)
  }
  const phones = pending().flatMap((candidate) => candidate.resident!.phone ?? [])
  for (const batch of inChunks(phones, 500)) {
    const rows = await db.from('residents').whereIn('phone', batch).select('phone')
    for (const row of rows) known.add(`phone:${row.phone}`)
  }
  const landlines = pending().flatMap((candidate) => candidate.resident!.landline ?? [])
  for (const batch of inChunks(landlines, 500)) {
    const rows = await db.from('residents').whereIn('landline', batch).select('landline', 'name')
    for (const row of rows) known.add(`landline:${row.landline}:${comparable(row.name)}`)
  }

  for (const candidate of pending()) {
    const match = identitiesOf(candidate.resident!).find((identity) => known.has(identity.id))
    if (match) skipAsDuplicate(candidate, `Already registered with Beacon (${match.what})`)
  }
}
