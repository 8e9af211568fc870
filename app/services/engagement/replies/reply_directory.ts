import db from '@adonisjs/lucid/services/db'
import AlertReply, { type ReplyKind, type ReplyState } from '#models/engagement/alert_reply'
import Membership, { type Role } from '#models/platform/membership'

/** The roles that may read and answer residents' replies (app/policies/engagement/reply_policy.ts). */
export const INBOX_ROLES: readonly Role[] = ['admin', 'approver', 'sender']

export const REPLY_SORTS = { newest: 'Newest first', oldest: 'Oldest first' } as const
export type ReplySort = keyof typeof REPLY_SORTS

export interface ReplyFilters {
  state?: ReplyState
  kind?: ReplyKind
  q?: string
  sort?: ReplySort
}

const PER_PAGE = 20

/**
 * The organisation's inbox: residents' threads about its alerts, and nothing
 * else. Every query starts from the organisation, so another organisation's
 * thread is not found, as one that does not exist.
 */
export default class ReplyDirectory {
  static query(organisationId: number) {
    return AlertReply.query().where('alert_replies.organisation_id', organisationId)
  }

  /** A page of threads: the state chosen, matching the words in the resident's name, the alert's title or any message. */
  static async search(organisationId: number, filters: ReplyFilters, page: number) {
    const query = this.query(organisationId)
      .preload('alert')
      .preload('aboutAlert')
      .preload('resident')
      .preload('assignedTo')
      .preload('messages', (messages) =>
        messages.orderBy('created_at', 'desc').orderBy('id', 'desc')
      )
    if (filters.state) query.where('alert_replies.state', filters.state)
    if (filters.kind) query.where('alert_replies.kind', filters.kind)
    if (filters.q) {
      const words = `%${filters.q}%`
      query.where((matching) => {
        matching
          .whereExists(
            db
              .from('residents')
              .whereRaw('residents.id = alert_replies.resident_id')
              .whereILike('residents.name', words)
          )
          .orWhereExists(
            db
              .from('alerts')
              .whereRaw(
                'alerts.id = coalesce(alert_replies.alert_id, alert_replies.about_alert_id)'
              )
              .whereILike('alerts.title', words)
          )
          .orWhereExists(
            db
              .from('alert_reply_messages')
              .whereRaw('alert_reply_messages.reply_id = alert_replies.id')
              .whereILike('alert_reply_messages.body', words)
          )
      })
    }
    const direction = filters.sort === 'oldest' ? 'asc' : 'desc'
    query.orderBy('alert_replies.received_at', direction).orderBy('alert_replies.id', direction)
    return query.paginate(page, PER_PAGE)
  }

  static async countAll(organisationId: number) {
    const row = await this.query(organisationId).count('* as total').first()
    return Number(row?.$extras.total ?? 0)
  }

  /** One thread with its alert, resident, assignee and messages; "not found" outside the organisation. */
  static find(organisationId: number, id: number) {
    return this.query(organisationId)
      .where('alert_replies.id', id)
      .preload('alert')
      .preload('aboutAlert')
      .preload('attachments', (attachments) => attachments.orderBy('id'))
      .preload('resident')
      .preload('assignedTo')
      .preload('messages', (messages) =>
        messages.orderBy('created_at').orderBy('id').preload('user')
      )
      .firstOrFail()
  }

  /** The resident's threads with this organisation, newest first (their record's section). */
  static forResident(organisationId: number, residentId: number) {
    return this.query(organisationId)
      .where('alert_replies.resident_id', residentId)
      .preload('alert')
      .preload('aboutAlert')
      .preload('messages', (messages) => messages.orderBy('created_at').orderBy('id'))
      .orderBy('alert_replies.received_at', 'desc')
      .orderBy('alert_replies.id', 'desc')
  }

  /** Who a thread may be assigned to: the organisation's members who may use the inbox. */
  static async assignees(organisationId: number) {
    const memberships = await Membership.query()
      .where('organisation_id', organisationId)
      .whereIn('role', [...INBOX_ROLES])
      .preload('user')
    return memberships
      .map((membership) => ({
        id: membership.userId,
        name: membership.user.fullName || membership.user.email,
      }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }
}
