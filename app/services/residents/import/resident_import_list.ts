import ResidentImportRecord from '#models/residents/resident_import_record'

export const IMPORT_STATUSES = { imported: 'Imported', dry_run: 'Checked, not imported' } as const

export const IMPORT_SORTS = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  rejected: 'Most rows rejected first',
} as const

export interface ImportListFilters {
  /** Words in the file's name. */
  q?: string
  status?: keyof typeof IMPORT_STATUSES
  sort?: keyof typeof IMPORT_SORTS
}

const PER_PAGE = 20

/** An organisation's imports of residents, and checks of a file not imported: searched, filtered, sorted, in pages. */
export default class ResidentImportList {
  static async search(organisationId: number, filters: ImportListFilters, page: number) {
    const query = ResidentImportRecord.query()
      .where('organisation_id', organisationId)
      .if(filters.q, (builder) => builder.whereILike('filename', `%${filters.q}%`))
      .if(filters.status, (builder) => builder.where('status', filters.status!))
    if (filters.sort === 'rejected') query.orderBy('rejected_rows', 'desc')
    const direction = filters.sort === 'oldest' ? 'asc' : 'desc'
    return query.orderBy('created_at', direction).orderBy('id', direction).paginate(page, PER_PAGE)
  }
}
