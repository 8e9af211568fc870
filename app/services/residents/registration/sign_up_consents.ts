import Organisation from '#models/platform/organisation'

/**
 * Which organisations a resident agrees may contact them, asked at sign-up.
 * Every organisation sharing the install and not suspended is offered; the
 * one whose link the resident followed (/sign-up?organisation=<slug>) is
 * ticked to begin with. With only one organisation there is nothing to ask.
 * The choice is granted when the resident confirms their email.
 */
export default class SignUpConsents {
  static offered() {
    return Organisation.query().whereNull('suspended_at').orderBy('name').orderBy('id')
  }

  /** The organisation named by the sign-up link, when it is one still offered. */
  static async cameThrough(slug: unknown) {
    if (typeof slug !== 'string' || slug.length === 0 || slug.length > 80) return undefined
    const organisation = await this.offered().where('slug', slug.toLowerCase()).first()
    return organisation?.id
  }

  /** Ticked to begin with: what they chose before, else the organisation they came through. */
  static ticked(chosen: number[] | undefined, cameThrough: number | undefined) {
    return chosen ?? (cameThrough ? [cameThrough] : [])
  }

  /**
   * What the resident agrees to now: their ticks that are still offered (one may have been
   * suspended since), or the only organisation. Null when they must be asked (again).
   */
  static agreed(offered: Organisation[], chosen: number[] | undefined) {
    if (offered.length <= 1) return offered.map((organisation) => organisation.id)
    const ids = offered.map((organisation) => organisation.id).filter((id) => chosen?.includes(id))
    return ids.length ? ids : null
  }
}
