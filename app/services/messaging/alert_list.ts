import Alert, { STATUS_LABELS, type AlertStatus } from '#models/messaging/alert'

export const ALERT_SORTS = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  title: 'Title, A to Z',
  priority: 'Most urgent first',
} as const

export interface AlertListFilters {
  q?: string
  status?: AlertStatus
  priority?: number
  sort?: keyof typeof ALERT_SORTS
}

export const ALERT_LIST_STATUSES = STATUS_LABELS

const PER_PAGE = 20

/** The dashboard's list of an organisation's alerts: searched by title, filtered, sorted, in pages. */
export default class AlertList {
  static async search(organisationId: number, filters: AlertListFilters, page: number) {
    const query = Alert.query()
      .where('organisation_id', organisationId)
      .if(filters.q, (builder) => builder.whereILike('title', `%${filters.q}%`))
      .if(filters.status, (builder) => builder.where('status', filters.status!))
      .if(filters.priority, (builder) => builder.where('priority', filters.priority!))
    switch (filters.sort) {
      case 'oldest':
        query.orderBy('created_at', 'asc').orderBy('id', 'asc')
        break
      case 'title':
        query.orderBy('title', 'asc').orderBy('id', 'desc')
        break
      case 'priority':
        // Priority 1 is the most urgent.
        query.orderBy('priority', 'asc').orderBy('created_at', 'desc').orderBy('id', 'desc')
        break
      default:
        query.orderBy('created_at', 'desc').orderBy('id', 'desc')
    }
    return query.paginate(page, PER_PAGE)
  }
}
