/*
| What each row of an import becomes while it is checked and saved: a line of
| the report, and the resident it would add (null once the row is rejected or
| skipped). Shared by the row check, the duplicate search and the saving.
*/

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
  residentId?: number
}

export interface NewResident {
  name: string
  email: string | null
  phone: string | null
  landline: string | null
  postcode: string | null
  areaIds: number[]
  interestIds: number[]
  consentEvidence: string
}

export interface Candidate {
  report: ReportRow
  resident: NewResident | null
}

/** Who is importing, for which organisation, from which file: the audit entries name them. */
export interface ImportContext {
  organisationId: number
  userId: number
  ip: string
  filename: string
}

// SQLite allows 500 terms in the compound SELECT that a multi-row insert becomes there.
const CHUNK = 250

/** How a code, a name or an address is compared: case and surrounding spaces do not count. */
export const comparable = (value: string) => value.trim().toLowerCase()

export function inChunks<T>(items: T[], size = CHUNK) {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size))
  }
  return result
}

/** The row is somebody already in the file or in Beacon: it is skipped, saying whom it repeats. */
export function skipAsDuplicate(candidate: Candidate, reason: string) {
  candidate.report.outcome = 'duplicate'
  candidate.report.reasons.push(reason)
  candidate.resident = null
}
