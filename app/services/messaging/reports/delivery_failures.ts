import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'
import { maskedEmail, maskedNumber } from '#services/residents/contacts/contact_masking'
import {
  failureReason,
  failureReasonLabel,
  failureReasonSql,
} from '#services/messaging/reports/failure_reasons'

export const FAILURE_SORTS = {
  newest: 'Most recent first',
  oldest: 'Oldest first',
  channel: 'By channel',
  attempts: 'Most attempts first',
} as const

export interface FailureFilters {
  channel?: string
  reason?: string
  /** A resident's name or email address: only for staff who may see residents. */
  q?: string
  sort?: keyof typeof FAILURE_SORTS
}

export const FAILURES_PER_PAGE = 25
// Ids a read of the CSV covers: at most this many rows in memory at once.
const CSV_ID_RANGE = 20000

const COLUMNS = [
  'deliveries.id',
  'deliveries.channel',
  'deliveries.error',
  'deliveries.attempts',
  'deliveries.updated_at',
  'deliveries.resident_id',
  'residents.name',
  'residents.email',
  'residents.phone',
  'residents.landline',
  'residents.status as resident_status',
]

/** One failed delivery as the report shows it. */
export interface FailureRow {
  id: number
  channel: string
  channelLabel: string
  residentId: number | null
  /** Null when the resident was erased, or for staff who may not see residents. */
  name: string | null
  contact: string
  reasonKey: string
  reason: string
  /** The provider's or mail server's own words, contacts already removed when recorded. */
  rawReason: string
  attempts: number
  lastAttemptAt: ReturnType<typeof fromStoredTime>
}

/**
 * An alert's failed deliveries: filtered by channel, reason and (for staff
 * who may see residents) the resident's name or email; sorted and paged.
 * The ledger's (alert_id, status) index finds the alert's failed rows.
 */
export default class DeliveryFailures {
  static query(alertId: number, filters: FailureFilters) {
    const query = db
      .from('deliveries')
      .leftJoin('residents', 'residents.id', 'deliveries.resident_id')
      .where('deliveries.alert_id', alertId)
      .where('deliveries.status', 'failed')
    if (filters.channel) query.where('deliveries.channel', filters.channel)
    if (filters.reason) {
      const { sql, bindings } = failureReasonSql(filters.reason)
      query.whereRaw(sql, bindings)
    }
    if (filters.q) {
      const text = `%${filters.q}%`
      query.where((inner) =>
        inner.whereILike('residents.name', text).orWhereILike('residents.email', text)
      )
    }
    return query
  }

  static async page(alertId: number, filters: FailureFilters, page: number, showNames: boolean) {
    const query = this.query(alertId, filters).select(COLUMNS)
    sorted(query, filters.sort)
    const paginator = await query.paginate(page, FAILURES_PER_PAGE)
    return { paginator, rows: paginator.all().map((row) => this.present(row, showNames)) }
  }

  /**
   * Every matching failure in the ledger's order (by id), for the CSV: a
   * range of ids at a time, so each read is a small one however many
   * thousands failed (reading on past the last row instead would sort every
   * failure again for each page).
   */
  static async *pages(alertId: number, filters: FailureFilters, showNames: boolean) {
    // `id + 0`, not `id`: PostgreSQL would look for max(id) down the whole table's primary key.
    const bounds = await db
      .from('deliveries')
      .where('alert_id', alertId)
      .where('status', 'failed')
      .select(db.raw('min(id + 0) as first'), db.raw('max(id + 0) as last'))
      .first()
    if (bounds?.first === null || bounds?.first === undefined) return
    const last = Number(bounds.last)
    for (let from = Number(bounds.first); from <= last; from += CSV_ID_RANGE) {
      const rows = await this.query(alertId, filters)
        .whereBetween('deliveries.id', [from, from + CSV_ID_RANGE - 1])
        .orderBy('deliveries.id')
        .select(COLUMNS)
      if (rows.length > 0) yield rows.map((row) => this.present(row, showNames))
    }
  }

  /** How many failures each reason and channel has, for the filter's choices. */
  static async reasonCounts(alertId: number) {
    const rows = await db
      .from('deliveries')
      .where('alert_id', alertId)
      .where('status', 'failed')
      .groupBy('error')
      .select('error')
      .count('* as total')
    const counts = new Map<string, number>()
    for (const row of rows) {
      const { key } = failureReason(row.error)
      counts.set(key, (counts.get(key) ?? 0) + Number(row.total))
    }
    return [...counts.entries()]
      .map(([key, total]) => ({ key, label: failureReasonLabel(key), total }))
      .sort((a, b) => b.total - a.total)
  }

  static present(row: Record<string, any>, showNames: boolean): FailureRow {
    const reason = failureReason(row.error)
    const erased = row.resident_id === null || row.resident_status === 'erased'
    return {
      id: Number(row.id),
      channel: row.channel,
      channelLabel: channelRegistry.registered(row.channel)?.label ?? row.channel,
      residentId: erased ? null : Number(row.resident_id),
      name: erased ? null : showNames ? row.name : null,
      contact: erased ? 'Erased resident' : contactFor(row),
      reasonKey: reason.key,
      reason: reason.label,
      rawReason: row.error ?? 'No reason was given',
      attempts: Number(row.attempts),
      lastAttemptAt: fromStoredTime(row.updated_at),
    }
  }
}

function sorted(query: DatabaseQueryBuilderContract, sort: FailureFilters['sort']) {
  if (sort === 'oldest') query.orderBy('deliveries.updated_at').orderBy('deliveries.id')
  else if (sort === 'channel') query.orderBy('deliveries.channel').orderBy('deliveries.id')
  else if (sort === 'attempts')
    query.orderBy('deliveries.attempts', 'desc').orderBy('deliveries.id')
  else query.orderBy('deliveries.updated_at', 'desc').orderBy('deliveries.id', 'desc')
}

/** The contact the channel used, in part: the email address for email, the number for texts and calls. */
function contactFor(row: Record<string, any>) {
  const channel = channelRegistry.registered(row.channel)
  const kinds = channel ? [channel.contact].flat() : []
  for (const kind of kinds) {
    if (kind === 'email' && row.email) return maskedEmail(row.email)
    if (kind === 'mobile' && row.phone) return maskedNumber(row.phone)
    if (kind === 'landline' && row.landline) return maskedNumber(row.landline)
  }
  if (kinds.length > 0 && kinds.every((kind) => !['email', 'mobile', 'landline'].includes(kind))) {
    return 'A browser or app the resident subscribed'
  }
  return 'No contact on record now'
}
