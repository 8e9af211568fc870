import db from '@adonisjs/lucid/services/db'
import Scheme, { VIRTUAL_SCHEME_KIND } from '#models/residents/scheme'
import type Membership from '#models/platform/membership'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/** An invitation's or a form's chosen schemes that do not exist (or are residents' own groups). */
export class UnknownSchemeError extends Error {}

/**
 * The schemes each coordinator looks after. A link belongs to one membership
 * (one person in one organisation): coordinating a scheme for one
 * organisation gives nothing in another, whatever role they hold there, and
 * the links go with the membership or a change of role.
 */
export default class CoordinatorSchemes {
  /** Schemes an admin may give a coordinator: every scheme but residents' own virtual groups. */
  static assignable() {
    return Scheme.query()
      .whereNot('kind', VIRTUAL_SCHEME_KIND)
      .preload('area')
      .orderBy('name')
      .orderBy('id')
  }

  static async schemeIdsOf(membershipId: number) {
    const rows = await db
      .from('coordinator_schemes')
      .where('membership_id', membershipId)
      .select('scheme_id')
    return rows.map((row) => Number(row.scheme_id))
  }

  /** The coordinator's schemes, by name. */
  static async schemesOf(membershipId: number) {
    return Scheme.query()
      .whereIn(
        'id',
        db.from('coordinator_schemes').where('membership_id', membershipId).select('scheme_id')
      )
      .preload('area')
      .orderBy('name')
      .orderBy('id')
  }

  /** One of the coordinator's schemes; "not found" for any other, as if it did not exist. */
  static findFor(membership: Pick<Membership, 'id' | 'role'>, schemeId: number) {
    return Scheme.query()
      .where('id', schemeId)
      .whereIn(
        'id',
        db
          .from('coordinator_schemes')
          .where('membership_id', membership.role === 'coordinator' ? membership.id : 0)
          .select('scheme_id')
      )
      .preload('area')
      .firstOrFail()
  }

  /** Whether this membership is a coordinator's and looks after the scheme. */
  static async coordinates(membership: Pick<Membership, 'id' | 'role'>, schemeId: number) {
    if (membership.role !== 'coordinator') return false
    const row = await db
      .from('coordinator_schemes')
      .where('membership_id', membership.id)
      .where('scheme_id', schemeId)
      .first()
    return Boolean(row)
  }

  /** Whether any coordinator of the organisation looks after the scheme. */
  static async hasCoordinator(schemeId: number, organisationId: number) {
    const row = await db
      .from('coordinator_schemes')
      .join('memberships', 'memberships.id', 'coordinator_schemes.membership_id')
      .where('coordinator_schemes.scheme_id', schemeId)
      .where('memberships.organisation_id', organisationId)
      .where('memberships.role', 'coordinator')
      .first()
    return Boolean(row)
  }

  /** Checks the chosen ids name assignable schemes; throws UnknownSchemeError otherwise. */
  static async checked(schemeIds: number[]) {
    const unique = [...new Set(schemeIds)]
    if (unique.length === 0) return unique
    const found = await this.assignable().whereIn('id', unique)
    if (found.length !== unique.length) throw new UnknownSchemeError('Choose schemes from the list')
    return unique
  }

  /** Makes the membership's schemes exactly these; answers the ids added and removed. */
  static async set(membershipId: number, schemeIds: number[]) {
    const wanted = await this.checked(schemeIds)
    return db.transaction(async (trx) => {
      const rows = await trx
        .from('coordinator_schemes')
        .where('membership_id', membershipId)
        .select('scheme_id')
      const current = rows.map((row) => Number(row.scheme_id))
      const removed = current.filter((id) => !wanted.includes(id))
      const added = wanted.filter((id) => !current.includes(id))
      if (removed.length) {
        await trx
          .from('coordinator_schemes')
          .where('membership_id', membershipId)
          .whereIn('scheme_id', removed)
          .delete()
      }
      if (added.length) {
        const now = sqlTime()
        await trx.table('coordinator_schemes').multiInsert(
          added.map((schemeId) => ({
            membership_id: membershipId,
            scheme_id: schemeId,
            created_at: now,
          }))
        )
      }
      return { added, removed }
    })
  }
}
