import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Membership from '#models/membership'
import type StaffInvitation from '#models/staff_invitation'
import { hasRole } from '#policies/membership_roles'

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

  /** Not their own: with the phone lost, another admin checks it is really them asking. */
  resetTwoFactor(user: User, membership: Membership) {
    return membership.userId !== user.id && hasRole(user, membership.organisationId, ['admin'])
  }

  manageInvitation(user: User, invitation: StaffInvitation) {
    return hasRole(user, invitation.organisationId, ['admin'])
  }
}
