import AuditLog from '#models/platform/audit_log'
import User from '#models/platform/user'
import type { FieldChange } from '#services/residents/records/resident_editing'

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  email: 'Email address',
  phone: 'Mobile',
  landline: 'Landline',
  status: 'Status',
  knownToOfficer: 'Known to an officer',
  communityInfluencer: 'Community influencer',
}

const ACTION_LABELS: Record<string, string> = {
  'resident.viewed': 'Viewed the resident’s details',
  'resident.updated': 'Changed the resident’s details',
  'resident.imported': 'Imported the resident from a file',
  'resident.contact_change_confirmed': 'The resident confirmed a new contact detail',
}

const SHOWN = 100

function shown(value: unknown) {
  if (value === null || value === undefined || value === '') return '(none)'
  if (value === true) return 'Yes'
  if (value === false) return 'No'
  return String(value)
}

/**
 * What this organisation's staff have done with a resident's record, newest
 * first, read from the audit log.
 */
export default class ResidentHistory {
  static async of(organisationId: number, residentId: number) {
    const entries = await AuditLog.query()
      .where('subject_type', 'resident')
      .where('subject_id', residentId)
      .where('organisation_id', organisationId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(SHOWN)
    const userIds = [...new Set(entries.flatMap((entry) => entry.userId ?? []))]
    const users = new Map(
      (userIds.length ? await User.query().whereIn('id', userIds) : []).map((user) => [
        user.id,
        user.fullName,
      ])
    )

    return entries.map((entry) => {
      const details = entry.details ?? {}
      const changes = (details.changes ?? {}) as Record<string, FieldChange>
      const notes: string[] = Object.entries(changes).map(
        ([field, change]) =>
          `${FIELD_LABELS[field] ?? field}: ${shown(change.from)} → ${shown(change.to)}${
            change.pending ? ' (waiting for the resident to confirm)' : ''
          }`
      )
      if (entry.action === 'resident.contact_change_confirmed') {
        notes.push(FIELD_LABELS[String(details.field)] ?? String(details.field))
      }
      if (entry.action === 'resident.imported') {
        notes.push(`From ${shown(details.filename)}, row ${shown(details.row)}`)
        notes.push(`Consent evidence: ${shown(details.consentEvidence)}`)
      }
      return {
        at: entry.createdAt,
        who: entry.userId ? (users.get(entry.userId) ?? 'A former member of staff') : 'Beacon',
        what: ACTION_LABELS[entry.action] ?? entry.action,
        notes,
      }
    })
  }
}
