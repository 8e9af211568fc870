import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Membership, { type Role } from '#models/platform/membership'

const PER_PAGE = 25

export class LastAdminError extends Error {}

/**
 * An organisation's staff and their roles. An organisation always keeps at
 * least one admin, or nobody could invite, remove or change anyone again.
 */
export default class TeamMembership {
  static list(organisationId: number, page: number) {
    return Membership.query()
      .where('memberships.organisation_id', organisationId)
      .join('users', 'users.id', 'memberships.user_id')
      .select('memberships.*')
      .preload('user', (user) => user.preload('memberships'))
      .orderBy('users.full_name')
      .orderBy('memberships.id')
      .paginate(page, PER_PAGE)
  }

  /** Answers "not found" for another organisation's member, as for one that does not exist. */
  static find(organisationId: number, id: number) {
    return Membership.query()
      .where('organisation_id', organisationId)
      .where('id', id)
      .preload('user', (user) => user.preload('memberships'))
      .firstOrFail()
  }

  /**
   * Why resetting this member's sign-in would reach beyond the organisation:
   * their password and two-factor sign-in open every organisation they belong
   * to, and the install itself for an install admin. Only an install admin
   * may reset those; an organisation's admin may still remove them from it.
   * Expects the member's user with its memberships (find and list load them).
   */
  static reachBeyond(member: Membership): 'install_admin' | 'other_organisation' | null {
    if (member.user.isInstallAdmin) return 'install_admin'
    return member.user.memberships.length > 1 ? 'other_organisation' : null
  }

  static async changeRole(membership: Membership, role: Role) {
    if (membership.role === role) return false
    await db.transaction(async (trx) => {
      if (membership.role === 'admin' && (await this.#otherAdmins(membership, trx)) === 0) {
        throw new LastAdminError()
      }
      await trx.from('memberships').where('id', membership.id).update({ role })
      // A coordinator's schemes go with the role: made a coordinator again, they start with none.
      if (membership.role === 'coordinator') {
        await trx.from('coordinator_schemes').where('membership_id', membership.id).delete()
      }
    })
    membership.role = role
    return true
  }

  static async remove(membership: Membership) {
    await db.transaction(async (trx) => {
      if (membership.role === 'admin' && (await this.#otherAdmins(membership, trx)) === 0) {
        throw new LastAdminError()
      }
      await trx.from('memberships').where('id', membership.id).delete()
    })
  }

  static async #otherAdmins(membership: Membership, trx: TransactionClientContract) {
    const row = await trx
      .from('memberships')
      .where('organisation_id', membership.organisationId)
      .where('role', 'admin')
      .whereNot('id', membership.id)
      .count('* as total')
      .first()
    return Number(row?.total ?? 0)
  }
}
