import db from '@adonisjs/lucid/services/db'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'

export const MEMBER_SORTS = {
  name: 'Name, A to Z',
  newest: 'Newest members first',
  oldest: 'Longest-standing members first',
} as const
export type MemberSort = keyof typeof MEMBER_SORTS

export const MEMBERS_PER_PAGE = 25

/** How a member came to be in the scheme, in words a coordinator understands. */
export function howAdded(addedBy: string | null) {
  if (addedBy === null) return 'Joined themselves'
  if (addedBy === 'join_request') return 'Asked to join, approved'
  return 'From the scheme register'
}

/**
 * A scheme's members as one organisation sees them: only residents who
 * receive that organisation's alerts (consenting, not erased), since a scheme
 * is shared by every organisation of the install and another's residents are
 * not theirs to see. Paginated, searched by name or email, sorted.
 */
export default class SchemeMemberList {
  static #members(schemeId: number, organisationId: number) {
    return db
      .from('scheme_members')
      .join('residents', 'residents.id', 'scheme_members.resident_id')
      .where('scheme_members.scheme_id', schemeId)
      .whereNull('residents.erased_at')
      .whereExists((consent) => {
        consent
          .from('consents')
          .whereRaw('consents.resident_id = residents.id')
          .where('consents.organisation_id', organisationId)
          .whereNull('consents.withdrawn_at')
      })
  }

  static async count(schemeId: number, organisationId: number) {
    const row = await this.#members(schemeId, organisationId).count('* as total').first()
    return Number(row?.total ?? 0)
  }

  static async search(
    schemeId: number,
    organisationId: number,
    options: { q?: string; sort?: MemberSort; page?: number }
  ) {
    const query = this.#members(schemeId, organisationId).select(
      'residents.id',
      'residents.name',
      'residents.email',
      'residents.postcode',
      'scheme_members.joined_at',
      'scheme_members.added_by'
    )
    const q = options.q?.trim().toLowerCase()
    if (q) {
      const like = `%${q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
      query.where((match) => {
        match
          .whereRaw(`lower(residents.name) like ? escape '\\'`, [like])
          .orWhereRaw(`lower(residents.email) like ? escape '\\'`, [like])
      })
    }
    const sort = options.sort ?? 'name'
    if (sort === 'name') query.orderByRaw('lower(residents.name) asc')
    else query.orderBy('scheme_members.joined_at', sort === 'newest' ? 'desc' : 'asc')
    query.orderBy('residents.id', 'asc')
    const page = await query.paginate(options.page ?? 1, MEMBERS_PER_PAGE)
    const rows = page.all().map((row) => ({
      id: Number(row.id),
      name: row.name as string,
      email: row.email as string | null,
      postcode: row.postcode as string | null,
      joinedAt: fromStoredTime(row.joined_at),
      how: howAdded(row.added_by ?? null),
    }))
    return { page, rows }
  }
}
