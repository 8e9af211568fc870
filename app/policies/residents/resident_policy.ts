import type User from '#models/platform/user'
import CurrentOrganisationPolicy from '#policies/platform/current_organisation_policy'

/**
 * Who may see and change residents' personal data. Residents are shared by
 * the install's organisations, but staff see only those who consent to theirs.
 */
export default class ResidentPolicy extends CurrentOrganisationPolicy {
  viewList(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, ['admin', 'approver', 'sender'])
  }

  register(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, ['admin', 'officer'])
  }

  edit(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, ['admin'])
  }

  import(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, ['admin'])
  }
}
