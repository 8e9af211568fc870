import db from '@adonisjs/lucid/services/db'
import Area from '#models/areas/area'
import Scheme, { SCHEME_KINDS } from '#models/residents/scheme'
import Resident from '#models/residents/resident'
import AreaPlacement, { type ChosenLocation } from '#services/areas/area_placement'
import ResidentRegistration from '#services/residents/registration/resident_registration'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import type {
  ResidentEnrolment,
  ResidentEnrolmentOutcome,
  SchemeMembersChange,
  WatchSchemeInput,
  WatchSchemes,
  WatchSchemeUpsert,
} from '#contracts/schemes'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The most local area a scheme or a member is in: by its code, or the areas around a postcode. */
async function areaFor(areaCode?: string | null, postcode?: string | null) {
  if (areaCode) {
    const area = await Area.findBy('code', areaCode.trim())
    return area
      ? { area }
      : { reason: `No area has the code ${areaCode.trim()} (Settings → Areas lists them)` }
  }
  if (postcode) {
    const placement = await AreaPlacement.byPostcode(postcode)
    if (placement.placed) return { area: placement.areas[0] }
    return placement.refusal === 'unknown_postcode'
      ? { reason: `The postcode ${postcode.trim()} is not one Beacon knows` }
      : { reason: `The postcode ${postcode.trim()} is outside every area Beacon covers` }
  }
  return { reason: 'It has neither an area code nor a postcode' }
}

/** An area and those containing it, as a resident living there is placed. */
async function withAncestors(area: Area) {
  const areas = [area]
  let parentId = area.parentId
  while (parentId !== null) {
    const parent = await Area.find(parentId)
    if (!parent) break
    areas.push(parent)
    parentId = parent.parentId
  }
  return areas
}

/**
 * Where a member lives: their postcode's areas when Beacon knows it, else
 * their scheme's area (and those containing it), as a ward is chosen at sign-up.
 */
async function placeMember(
  postcode?: string | null,
  fallbackSchemeId?: number | null
): Promise<{ location: ChosenLocation; areas: Area[] } | { location?: undefined; reason: string }> {
  if (postcode) {
    const placement = await AreaPlacement.byPostcode(postcode)
    if (placement.placed) return { location: placement.location, areas: placement.areas }
  }
  const scheme = fallbackSchemeId ? await Scheme.find(fallbackSchemeId) : null
  const area = scheme?.areaId ? await Area.find(scheme.areaId) : null
  if (area) {
    return { location: { how: 'ward', wardId: area.id }, areas: await withAncestors(area) }
  }
  return {
    reason: postcode
      ? `The postcode ${postcode.trim()} is not in an area Beacon covers`
      : 'Beacon cannot tell where they live',
  }
}

/**
 * The core's side of #contracts/schemes for one plugin: its register ids are
 * kept as "<plugin id>:<id>" in schemes.external_ref, and the members it adds
 * carry its id in scheme_members.added_by.
 */
export function pluginSchemes(pluginId: string): WatchSchemes {
  const refOf = (externalRef: string) => `${pluginId}:${externalRef.trim()}`
  const source = pluginId.replace(/-/g, '_').slice(0, 20)

  return {
    async schemeIdOf(externalRef) {
      const scheme = await Scheme.findBy('external_ref', refOf(externalRef))
      return scheme?.id ?? null
    },

    async upsertScheme(input: WatchSchemeInput): Promise<WatchSchemeUpsert> {
      const name = input.name?.trim() ?? ''
      if (!input.externalRef?.trim()) return { ok: false, reason: 'It has no register id' }
      if (input.externalRef.trim().length > 100) {
        return { ok: false, reason: 'Its register id is longer than 100 characters' }
      }
      if (!name) return { ok: false, reason: 'It has no name' }
      if (name.length > 120) return { ok: false, reason: 'Its name is longer than 120 characters' }
      if (!(input.kind in SCHEME_KINDS))
        return { ok: false, reason: `${input.kind} is not a kind of scheme` }
      const found = await areaFor(input.areaCode, input.postcode)
      if (!found.area) return { ok: false, reason: found.reason! }
      const area = found.area

      const scheme = await Scheme.query()
        .where('external_ref', refOf(input.externalRef))
        .preload('area')
        .first()
      if (!scheme) {
        const created = await Scheme.create({
          name,
          kind: input.kind,
          areaId: area.id,
          externalRef: refOf(input.externalRef),
        })
        return { ok: true, schemeId: created.id, outcome: 'created', changes: [] }
      }
      const changes: string[] = []
      if (scheme.name !== name) changes.push(`Renamed from ${scheme.name} to ${name}`)
      if (scheme.kind !== input.kind) {
        changes.push(`Now ${SCHEME_KINDS[input.kind]} (was ${scheme.kindLabel})`)
      }
      if (scheme.areaId !== area.id) {
        changes.push(`Moved from ${scheme.area?.name ?? 'no area'} to ${area.name}`)
      }
      if (changes.length === 0) {
        return { ok: true, schemeId: scheme.id, outcome: 'unchanged', changes }
      }
      scheme.merge({ name, kind: input.kind, areaId: area.id })
      await scheme.save()
      return { ok: true, schemeId: scheme.id, outcome: 'updated', changes }
    },

    async enrolResident(input: ResidentEnrolment): Promise<ResidentEnrolmentOutcome> {
      const email = input.email?.trim().toLowerCase() ?? ''
      const name = input.name?.trim() ?? ''
      if (!EMAIL.test(email) || email.length > 254) {
        return { ok: false, reason: `The email address “${input.email ?? ''}” is not valid` }
      }
      if (!name) return { ok: false, reason: 'It has no name' }
      // Joined as they are, and told nothing: the register's content stays with staff.
      const existing = async () => {
        const resident = await Resident.query()
          .where('email', email)
          .whereNot('status', 'erased')
          .first()
        return resident
          ? { ok: true as const, residentId: resident.id, outcome: 'existing' as const }
          : null
      }
      const known = await existing()
      if (known) return known

      const placed = await placeMember(input.postcode, input.fallbackSchemeId)
      if (!placed.location) return { ok: false, reason: placed.reason }

      const outcome = await ResidentRegistration.register({
        name: name.slice(0, 120),
        email,
        location: placed.location,
        areas: placed.areas,
        source,
        organisationIds: input.organisationIds,
      })
      if (outcome.status === 'created') {
        return { ok: true, residentId: outcome.resident.id, outcome: 'created' }
      }
      // Registered a moment ago by someone else (a race): the same resident.
      return (
        (await existing()) ?? {
          ok: false,
          reason: 'A resident with this email address could not be found',
        }
      )
    },

    async setMembers(schemeId: number, residentIds: number[]): Promise<SchemeMembersChange> {
      const wanted = new Set(residentIds)
      return db.transaction(async (trx) => {
        const current = await trx
          .from('scheme_members')
          .where('scheme_id', schemeId)
          .select('resident_id', 'added_by')
        const present = new Set(current.map((row) => Number(row.resident_id)))
        const removed = current
          .filter((row) => row.added_by === pluginId && !wanted.has(Number(row.resident_id)))
          .map((row) => Number(row.resident_id))
        const added = [...wanted].filter((id) => !present.has(id))
        if (removed.length > 0) {
          await trx
            .from('scheme_members')
            .where('scheme_id', schemeId)
            .whereIn('resident_id', removed)
            .delete()
        }
        if (added.length > 0) {
          const now = sqlTime()
          await trx.table('scheme_members').multiInsert(
            added.map((residentId) => ({
              scheme_id: schemeId,
              resident_id: residentId,
              joined_at: now,
              added_by: pluginId,
            }))
          )
        }
        return { added, removed }
      })
    },

    async linkCoordinator(schemeId, organisationId, email) {
      const scheme = await Scheme.find(schemeId)
      if (!scheme?.externalRef?.startsWith(`${pluginId}:`)) return false
      const membership = await db
        .from('memberships')
        .join('users', 'users.id', 'memberships.user_id')
        .where('memberships.organisation_id', organisationId)
        .where('memberships.role', 'coordinator')
        .whereRaw('lower(users.email) = ?', [email.trim().toLowerCase()])
        .select('memberships.id')
        .first()
      if (!membership) return false
      const linked = await db
        .from('coordinator_schemes')
        .where({ membership_id: membership.id, scheme_id: schemeId })
        .first()
      if (linked) return false
      await db
        .table('coordinator_schemes')
        .insert({ membership_id: membership.id, scheme_id: schemeId, created_at: sqlTime() })
        .onConflict(['membership_id', 'scheme_id'])
        .ignore()
      return true
    },
  }
}
