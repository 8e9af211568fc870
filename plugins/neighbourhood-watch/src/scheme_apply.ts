import type { WatchSchemes } from '#contracts/schemes'
import type { RegisterScheme } from './register_data.js'
import type { ChangeKind, ReportRow } from './sync_runs.js'
import { ImportedSchemes } from './imported_schemes.js'

export interface AppliedScheme {
  rows: ReportRow[]
  counts: Partial<Record<ChangeKind, number>>
}

function counted(rows: ReportRow[], unchanged: number): AppliedScheme {
  const counts: Partial<Record<ChangeKind, number>> = { unchanged }
  for (const row of rows) counts[row.change] = (counts[row.change] ?? 0) + 1
  return { rows, counts }
}

/**
 * Brings one scheme in step with the register: its name, kind and area,
 * its coordinator, and its members who consented (new ones registered and
 * asked to confirm their email; those who left taken out). The members are
 * replaced in one transaction (setMembers), so a scheme is never left with
 * half its changes; anything refused is reported, one row each.
 */
export async function applyScheme(
  schemes: WatchSchemes,
  organisationId: number,
  scheme: RegisterScheme
): Promise<AppliedScheme> {
  const title = `Scheme ${scheme.ref} (${scheme.name})`
  const upsert = await schemes.upsertScheme({
    externalRef: scheme.ref,
    name: scheme.name,
    kind: scheme.kind,
    areaCode: scheme.areaCode,
    postcode: scheme.postcode,
  })
  if (!upsert.ok) {
    return counted([{ change: 'rejected', subject: title, detail: upsert.reason }], 0)
  }
  const rows: ReportRow[] = []
  const coordinatorChange = await ImportedSchemes.keep(
    organisationId,
    scheme.ref,
    upsert.schemeId,
    scheme.coordinator
  )
  const changes = [...upsert.changes, ...(coordinatorChange ? [coordinatorChange] : [])]
  // A new coordinator on the register whom the organisation has on its staff as a coordinator looks
  // after the scheme from now on. Only when the register names someone new: an admin's removal stands.
  const email = scheme.coordinator?.email
  const named = upsert.outcome === 'created' || coordinatorChange !== null
  if (named && email && (await schemes.linkCoordinator(upsert.schemeId, organisationId, email))) {
    changes.push(`${scheme.coordinator!.name}, a coordinator on your team, now looks after it`)
  }
  if (upsert.outcome === 'created') {
    rows.push({ change: 'added', subject: title, detail: 'A new scheme' })
  } else if (changes.length > 0) {
    rows.push({ change: 'updated', subject: title, detail: changes.join('. ') })
  }

  const listed: number[] = []
  const joined = new Map<number, { subject: string; created: boolean }>()
  const seen = new Set<string>()
  for (const member of scheme.members) {
    const subject = `Member ${member.ref || '(no id)'}${member.where ? ` (${member.where})` : ''} of ${scheme.name}`
    const reject = (detail: string) => rows.push({ change: 'rejected', subject, detail })
    if (!member.ref) {
      reject('It has no member id')
      continue
    }
    if (seen.has(member.ref)) {
      reject(`Member ${member.ref} is listed twice in this scheme; the first is used`)
      continue
    }
    seen.add(member.ref)
    if (!member.consent) {
      reject('They have not agreed on the register to receive alerts, so they were not added')
      continue
    }
    const enrolled = await schemes.enrolResident({
      name: member.name,
      email: member.email,
      postcode: member.postcode,
      fallbackSchemeId: upsert.schemeId,
      organisationIds: [organisationId],
    })
    if (!enrolled.ok) {
      reject(enrolled.reason)
      continue
    }
    listed.push(enrolled.residentId)
    joined.set(enrolled.residentId, {
      subject: `Member ${member.ref} (${member.name}) of ${scheme.name}`,
      created: enrolled.outcome === 'created',
    })
  }

  const change = await schemes.setMembers(upsert.schemeId, listed)
  for (const residentId of change.added) {
    const member = joined.get(residentId)!
    rows.push({
      change: 'added',
      subject: member.subject,
      detail: member.created
        ? 'A new resident, joined to the scheme; they are asked to confirm their email before any alert reaches them'
        : 'An existing resident, joined to the scheme (they are not told)',
      residentId,
    })
  }
  for (const residentId of change.removed) {
    rows.push({
      change: 'removed',
      subject: `Resident ${residentId}, member of ${scheme.name}`,
      detail: 'No longer a member on the register, so taken out of the scheme',
      residentId,
    })
  }
  // Unchanged: nothing about the scheme or its members changed (rows it rejected are not changes).
  const quiet = rows.every((row) => row.change === 'rejected')
  return counted(rows, quiet ? 1 : 0)
}

/** A scheme the register no longer lists: the members it brought are taken out; the scheme stays. */
export async function retireScheme(
  schemes: WatchSchemes,
  organisationId: number,
  schemeRef: string,
  schemeId: number
): Promise<AppliedScheme> {
  const change = await schemes.setMembers(schemeId, [])
  await ImportedSchemes.forget(organisationId, schemeRef)
  const rows: ReportRow[] = [
    {
      change: 'removed',
      subject: `Scheme ${schemeRef}`,
      detail: `No longer on the register: ${change.removed.length} member${change.removed.length === 1 ? '' : 's'} from the register taken out (the scheme stays on Beacon’s list for staff to keep or delete)`,
    },
  ]
  return counted(rows, 0)
}
