import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Segment from '#models/segment'
import { hasRole } from '#policies/membership_roles'

const SENDING_ROLES = ['admin', 'approver', 'sender'] as const

/** Segments are targeting: the staff who write alerts keep their organisation's segments. */
export default class SegmentPolicy extends BasePolicy {
  manage(user: User, organisationId: number) {
    return hasRole(user, organisationId, [...SENDING_ROLES])
  }

  use(user: User, segment: Segment) {
    return hasRole(user, segment.organisationId, [...SENDING_ROLES])
  }

  delete(user: User, segment: Segment) {
    return hasRole(user, segment.organisationId, [...SENDING_ROLES])
  }
}
