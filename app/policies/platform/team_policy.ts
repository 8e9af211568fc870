import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/platform/user'
import type Membership from '#models/platform/membership'
import type StaffInvitation from '#models/platform/staff_invitation'
import { hasRole } from '#policies/platform/membership_roles'
import TeamMembership from '#services/platform/staff_accounts/team_membership'

/**
 * An organisation's admins invite staff, change their roles and remove them;
 * never in another organisation.
 */
export default class TeamPolicy extends BasePolicy {
  manage(user: User, organisationId: number) {
    return hasRole(user, organisationId, ['admin'])
  }

  changeMember(user: User, membership: Membership) {
    return hasRole(user, membership.organisationId, ['admin'])
  }

  /**
   * Not their own: with the phone lost, another admin checks it is really them
   * asking. A member whose sign-in also opens another organisation (or the
   * whole install) is reset only by an install admin, so no organisation's
   * admin can take over another organisation's account.
   */
  resetTwoFactor(user: User, membership: Membership) {
    if (membership.userId === user.id) return false
    if (!hasRole(user, membership.organisationId, ['admin'])) return false
    return user.isInstallAdmin || TeamMembership.reachBeyond(membership) === null
  }

  manageInvitation(user: User, invitation: StaffInvitation) {
    return hasRole(user, invitation.organisationId, ['admin'])
  }
}
