import type User from '#models/platform/user'
import CurrentOrganisationPolicy from '#policies/platform/current_organisation_policy'

/**
 * Coordinators' pages: their schemes, each scheme's members and alerts to
 * them. Which schemes are theirs is asked of CoordinatorSchemes by the
 * controllers (another scheme is "not found"); this says who may open the
 * pages at all, in the organisation they are working for.
 */
export default class SchemeCoordinationPolicy extends CurrentOrganisationPolicy {
  coordinate(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, ['coordinator'])
  }

  /** Requests to join: coordinators for their schemes, admins for schemes no coordinator looks after. */
  decideRequests(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, ['admin', 'coordinator'])
  }
}
