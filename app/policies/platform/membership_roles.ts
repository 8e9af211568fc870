import type User from '#models/platform/user'
import type { Role } from '#models/platform/membership'

/**
 * The user's role in an organisation, or null when they are not a member.
 * Expects user.memberships to be loaded (the staff middleware does it).
 */
export function roleIn(user: User, organisationId: number): Role | null {
  const memberships = user.$preloaded.memberships ? user.memberships : []
  return (
    memberships.find((membership) => membership.organisationId === organisationId)?.role ?? null
  )
}

export function hasRole(user: User, organisationId: number, roles: Role[]) {
  const role = roleIn(user, organisationId)
  return role !== null && roles.includes(role)
}
