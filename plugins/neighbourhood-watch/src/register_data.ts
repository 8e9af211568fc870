import type { WatchSchemeKind } from '#contracts/schemes'

/** A member as the register lists them; only those who consented become residents. */
export interface RegisterMember {
  ref: string
  name: string
  email: string
  postcode: string | null
  consent: boolean
  /** Where the row was, for the report: "line 7" of a CSV export. */
  where?: string
}

export interface RegisterCoordinator {
  ref: string | null
  name: string
  email: string | null
}

/** A scheme as the register (or its CSV export) describes it. */
export interface RegisterScheme {
  ref: string
  name: string
  kind: WatchSchemeKind
  areaCode: string | null
  postcode: string | null
  coordinator: RegisterCoordinator | null
  members: RegisterMember[]
}

/** A row the sync could not use, and why, in plain English. */
export interface RejectedRow {
  subject: string
  reason: string
}

export interface RegisterBatch {
  schemes: RegisterScheme[]
  rejected: RejectedRow[]
}

const KINDS: WatchSchemeKind[] = [
  'neighbourhood_watch',
  'farm_watch',
  'horse_watch',
  'business_watch',
]

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : ''
}

function optional(value: unknown): string | null {
  return text(value) || null
}

/** yes, y, true, 1 (any case) or JSON true: the member agreed to receive alerts. */
export function consented(value: unknown) {
  if (value === true) return true
  return ['yes', 'y', 'true', '1'].includes(text(value).toLowerCase())
}

/**
 * One page of the register's JSON (README.md, "The register's feed") as
 * schemes; an entry without an id or a name is rejected, with where it was.
 */
export function schemesFromJson(entries: unknown[], where: string): RegisterBatch {
  const batch: RegisterBatch = { schemes: [], rejected: [] }
  entries.forEach((entry, index) => {
    const item = (entry ?? {}) as Record<string, unknown>
    const ref = text(item.id)
    const subject = ref ? `Scheme ${ref}` : `Scheme number ${index + 1} ${where}`
    if (!ref) return batch.rejected.push({ subject, reason: 'It has no scheme id' })
    const name = text(item.name)
    if (!name) return batch.rejected.push({ subject, reason: 'It has no name' })
    const kind = text(item.kind) || 'neighbourhood_watch'
    if (!KINDS.includes(kind as WatchSchemeKind)) {
      return batch.rejected.push({
        subject,
        reason: `“${kind}” is not a kind of scheme Beacon knows`,
      })
    }
    const coordinator = (item.coordinator ?? null) as Record<string, unknown> | null
    const members = Array.isArray(item.members) ? item.members : []
    batch.schemes.push({
      ref,
      name,
      kind: kind as WatchSchemeKind,
      areaCode: optional(item.area_code),
      postcode: optional(item.postcode),
      coordinator:
        coordinator && text(coordinator.name)
          ? {
              ref: optional(coordinator.id),
              name: text(coordinator.name),
              email: optional(coordinator.email),
            }
          : null,
      members: members.map((member: Record<string, unknown>) => ({
        ref: text(member?.id),
        name: text(member?.name),
        email: text(member?.email),
        postcode: optional(member?.postcode),
        consent: consented(member?.consent),
      })),
    })
  })
  return batch
}
