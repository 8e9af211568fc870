import type { HttpContext } from '@adonisjs/core/http'
import type Membership from '#models/platform/membership'
import type User from '#models/platform/user'

const SESSION_KEY = 'staffOrganisation'

/** Kept with the user's id, so that someone else signing in on the same browser starts afresh. */
interface Chosen {
  userId: number
  organisationId: number
}

type SessionContext = Pick<HttpContext, 'session'>

/**
 * Which of their organisations a member of staff is working for: the one
 * they chose (kept in the session), or their first. A choice they no longer
 * belong to (their membership was removed) is forgotten.
 */
export default class OrganisationSwitching {
  /** Expects user.memberships to be loaded, oldest first. */
  static current({ session }: SessionContext, user: User): Membership | null {
    const chosen = session.get(SESSION_KEY) as Chosen | undefined
    if (chosen && chosen.userId === user.id) {
      const membership = user.memberships.find(
        (candidate) => candidate.organisationId === chosen.organisationId
      )
      if (membership) return membership
    }
    if (chosen) session.forget(SESSION_KEY)
    return user.memberships[0] ?? null
  }

  static choose({ session }: SessionContext, user: User, membership: Membership) {
    session.put(SESSION_KEY, { userId: user.id, organisationId: membership.organisationId })
  }

  /** A page of the staff site to go back to after switching; anything else (another site) is ignored. */
  static returnPath(value: unknown) {
    if (typeof value !== 'string' || value.length > 200) return null
    return /^\/staff(\/[\w-]+)*$/.test(value) ? value : null
  }
}
