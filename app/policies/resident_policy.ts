import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import { hasRole } from '#policies/membership_roles'

/**
 * Who may see and change residents' personal data. Residents are shared by
 * the install's organisations, but staff see only those who consent to theirs.
 */
export default class ResidentPolicy extends BasePolicy {
  viewList(user: User, organisationId: number) {
    return hasRole(user, organisationId, ['admin', 'approver', 'sender'])
  }

  register(user: User, organisationId: number) {
    return hasRole(user, organisationId, ['admin', 'officer'])
  }

  edit(user: User, organisationId: number) {
    return hasRole(user, organisationId, ['admin'])
  }

  import(user: User, organisationId: number) {
    return hasRole(user, organisationId, ['admin'])
  }
}
