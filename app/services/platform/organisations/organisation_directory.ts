import db from '@adonisjs/lucid/services/db'
import Organisation from '#models/platform/organisation'

export const ORGANISATION_SORTS = ['name', 'type', 'status', 'staff', 'residents'] as const
export type OrganisationSort = (typeof ORGANISATION_SORTS)[number]

export interface OrganisationListing {
  q: string
  sort: OrganisationSort
  direction: 'asc' | 'desc'
  page: number
}

const PER_PAGE = 25

const HEADINGS: Record<OrganisationSort, string> = {
  name: 'Name',
  type: 'Kind',
  status: 'Status',
  staff: 'Staff',
  residents: 'Residents consenting',
}

/**
 * Settings → Organisations: every organisation on the install with its
 * number of staff and of residents consenting to it, for install admins.
 */
export default class OrganisationDirectory {
  /** Reads the list's query string; anything unexpected falls back to the default. */
  static listing(input: Record<string, unknown>): OrganisationListing {
    const sort = ORGANISATION_SORTS.find((choice) => choice === input.sort) ?? 'name'
    return {
      q: String(input.q ?? '')
        .trim()
        .slice(0, 100),
      sort,
      direction: input.direction === 'desc' ? 'desc' : 'asc',
      page: Math.max(1, Number(input.page) || 1),
    }
  }

  /** Each column's heading links to the list sorted by it: ascending, or the other way if it already is. */
  static headings(listing: OrganisationListing) {
    return ORGANISATION_SORTS.map((column) => {
      const current = listing.sort === column
      const direction = current && listing.direction === 'asc' ? 'desc' : 'asc'
      const query = new URLSearchParams({
        ...(listing.q ? { q: listing.q } : {}),
        sort: column,
        direction,
      })
      return {
        column,
        label: HEADINGS[column],
        numeric: column === 'staff' || column === 'residents',
        url: `/staff/settings/organisations?${query}`,
        ariaSort: current ? (listing.direction === 'asc' ? 'ascending' : 'descending') : 'none',
        next: direction === 'asc' ? 'ascending' : 'descending',
      }
    })
  }

  static async list({ q, sort, direction, page }: OrganisationListing) {
    const query = Organisation.query()
      .select('organisations.*')
      .select(
        db.raw(
          '(SELECT COUNT(*) FROM memberships WHERE memberships.organisation_id = organisations.id) AS staff_count'
        ),
        db.raw(
          `(SELECT COUNT(*) FROM consents WHERE consents.organisation_id = organisations.id
            AND consents.withdrawn_at IS NULL) AS resident_count`
        )
      )
      .if(q, (inner) =>
        inner.where((match) =>
          match
            .whereILike('organisations.name', `%${q}%`)
            .orWhereILike('organisations.slug', `%${q}%`)
        )
      )
    if (sort === 'status') {
      query.orderByRaw(
        `CASE WHEN organisations.suspended_at IS NULL THEN 0 ELSE 1 END ${direction}`
      )
    } else if (sort === 'staff' || sort === 'residents') {
      query.orderBy(sort === 'staff' ? 'staff_count' : 'resident_count', direction)
    } else if (sort === 'type') {
      query.orderBy('organisations.type', direction)
    }
    const organisations = await query
      .orderBy('organisations.name', sort === 'name' ? direction : 'asc')
      .orderBy('organisations.id')
      .paginate(page, PER_PAGE)
    organisations.baseUrl('/staff/settings/organisations').queryString({
      ...(q ? { q } : {}),
      sort,
      direction,
    })
    return organisations
  }

  /** How many organisations exist at all, for the empty state. */
  static async count() {
    const row = await db.from('organisations').count('* as total').first()
    return Number(row?.total ?? 0)
  }
}
