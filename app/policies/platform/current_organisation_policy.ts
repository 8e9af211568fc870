import { inject } from '@adonisjs/core'
import { HttpContext } from '@adonisjs/core/http'
import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type { Role } from '#models/platform/membership'
import type User from '#models/platform/user'
import { roleIn } from '#policies/platform/membership_roles'

/** The refusal for a record of another of the person's organisations; the error page offers the switch. */
export const OTHER_ORGANISATION = 'other_organisation'

/**
 * Staff act for one organisation at a time: the one chosen with "Switch
 * organisation". A member of several may hold a role in the record's
 * organisation, but records open only from the organisation they are working
 * for, so that what they see and do is always under the name in the header.
 */
@inject()
export default class CurrentOrganisationPolicy extends BasePolicy {
  constructor(protected ctx: HttpContext) {
    super()
  }

  protected allowedHere(user: User, organisationId: number, roles: readonly Role[]) {
    const current = this.ctx.membership
    if (current && current.userId === user.id && current.organisationId === organisationId) {
      return roles.includes(current.role)
    }
    const role = roleIn(user, organisationId)
    if (role === null || !roles.includes(role)) return false
    return AuthorizationResponse.deny('This belongs to another of your organisations', 403).t(
      OTHER_ORGANISATION,
      { organisationId }
    )
  }
}
