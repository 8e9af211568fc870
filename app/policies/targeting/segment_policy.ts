import type User from '#models/platform/user'
import type Segment from '#models/targeting/segment'
import CurrentOrganisationPolicy from '#policies/platform/current_organisation_policy'

const SENDING_ROLES = ['admin', 'approver', 'sender'] as const

/** Segments are targeting: the staff who write alerts keep their organisation's segments. */
export default class SegmentPolicy extends CurrentOrganisationPolicy {
  manage(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, SENDING_ROLES)
  }

  use(user: User, segment: Segment) {
    return this.allowedHere(user, segment.organisationId, SENDING_ROLES)
  }

  delete(user: User, segment: Segment) {
    return this.allowedHere(user, segment.organisationId, SENDING_ROLES)
  }
}
