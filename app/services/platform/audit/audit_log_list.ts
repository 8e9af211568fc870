import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/platform/audit_log'
import User from '#models/platform/user'

export const AUDIT_SORTS = { newest: 'Newest first', oldest: 'Oldest first' } as const

export interface AuditLogFilters {
  /** Words in the action, or the name or email address of the member who did it. */
  q?: string
  action?: string
  sort?: keyof typeof AUDIT_SORTS
}

const PER_PAGE = 50

/**
 * An organisation's audit log as its admins read it: what was done in
 * that organisation, by whom and when, searched, filtered by action,
 * sorted and in pages. Entries of the install (no organisation) are not here.
 */
export default class AuditLogList {
  static async search(organisationId: number, filters: AuditLogFilters, page: number) {
    const query = AuditLog.query()
      .where('audit_logs.organisation_id', organisationId)
      .if(filters.action, (builder) => builder.where('action', filters.action!))
    if (filters.q) {
      const words = `%${filters.q}%`
      query.where((where) => {
        where.whereILike('action', words).orWhereExists(
          db
            .from('users')
            .whereRaw('users.id = audit_logs.user_id')
            .where((user) => user.whereILike('full_name', words).orWhereILike('email', words))
        )
      })
    }
    const direction = filters.sort === 'oldest' ? 'asc' : 'desc'
    const entries = await query
      .orderBy('created_at', direction)
      .orderBy('id', direction)
      .paginate(page, PER_PAGE)
    const userIds = [...new Set(entries.all().map((entry) => entry.userId))].filter(
      (id): id is number => id !== null
    )
    const users = userIds.length ? await User.query().whereIn('id', userIds) : []
    const names = new Map(users.map((user) => [user.id, `${user.fullName} (${user.email})`]))
    return { entries, names }
  }

  /** The actions this organisation's log holds, for the filter's choices. */
  static async actions(organisationId: number): Promise<string[]> {
    const rows = await db
      .from('audit_logs')
      .where('organisation_id', organisationId)
      .distinct('action')
      .orderBy('action')
    return rows.map((row) => row.action as string)
  }

  /** "alert.sent" as "Alert sent", for a reader. */
  static describe(action: string) {
    const words = action.replace(/[._]+/g, ' ').trim()
    return words.charAt(0).toUpperCase() + words.slice(1)
  }
}
