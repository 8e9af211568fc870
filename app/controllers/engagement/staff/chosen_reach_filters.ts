import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@vinejs/vine'
import { SimplePaginator } from '@adonisjs/lucid/database'
import { filledIn } from '#services/platform/site/list_filter_memory'
import { reachReportValidator } from '#validators/engagement/reach_report'
import type { Dimension } from '#services/areas/population/census_categories'
import ReachAsAt, { AS_AT_CHOICES, type AsAt } from '#services/engagement/reports/reach_as_at'
import { WARD_SORTS, type WardSort } from '#services/engagement/reports/reach_ward_list'

/** Every parameter of the page; each form and page link keeps all but its own. */
const DATE_FIELDS = ['asAt', 'day', 'month', 'year']
const NAMES = ['asAt', 'day', 'month', 'year', 'q', 'sort', 'page', 'groupsBy', 'groupsPage']

export interface ReachFilters {
  asAt: AsAt | null
  errors: Record<string, string>
  /** What was typed, to show again in the forms. */
  values: Record<string, string>
  q?: string
  sort?: WardSort
  page?: number
  groupsBy?: Dimension
  groupsPage?: number
  /** The page's parameters as they stand, but for those named: for hidden inputs and links. */
  keeping(...left: string[]): Record<string, string>
}

/**
 * The choices of Reports → Who we reach, from its GET forms: the date the
 * residents are counted at (or what is wrong with it, keyed by its box), the
 * wards' search, order and page, and the question the wards are split by.
 */
export async function chosenReachFilters({ request }: HttpContext): Promise<ReachFilters> {
  const typed = request.qs()
  const values = Object.fromEntries(
    NAMES.map((name) => [name, typeof typed[name] === 'string' ? typed[name] : ''])
  )
  const data: Record<string, unknown> = filledIn(typed)
  let [invalid, valid] = await request.tryValidateUsing(reachReportValidator, { data })
  let problems: Record<string, string> = {}
  if (invalid instanceof errors.E_VALIDATION_ERROR) {
    for (const { field, message } of invalid.messages as { field: string; message: string }[]) {
      problems[field] ??= message
    }
    // A wrong order, page or question is said, and left out; a wrong date shows no figures.
    for (const field of Object.keys(problems)) delete data[field]
    ;[, valid] = await request.tryValidateUsing(reachReportValidator, { data })
  }
  let asAt: AsAt | null = null
  if (valid && !DATE_FIELDS.some((field) => problems[field])) {
    const result = ReachAsAt.resolve(valid)
    asAt = result.asAt
    problems = { ...problems, ...result.errors }
  }
  const kept = Object.fromEntries(
    Object.entries(values).filter(
      ([name, value]) => value !== '' && typed[name] !== undefined && !problems[name]
    )
  )
  return {
    asAt,
    errors: problems,
    values: { ...values, asAt: values.asAt || 'today' },
    q: valid?.q || undefined,
    sort: valid?.sort,
    page: valid?.page,
    groupsBy: valid?.groupsBy,
    groupsPage: valid?.groupsPage,
    keeping(...left: string[]) {
      // The date boxes mean something only with "a date you choose".
      const boxes = kept.asAt === 'date' ? [] : ['day', 'month', 'year']
      return Object.fromEntries(
        Object.entries(kept).filter(([name]) => !left.includes(name) && !boxes.includes(name))
      )
    },
  }
}

export const AS_AT_OPTIONS = Object.entries(AS_AT_CHOICES).map(([value, label]) => ({
  value,
  label,
}))
export const SORT_OPTIONS = Object.entries(WARD_SORTS).map(([value, label]) => ({ value, label }))

/** Pages of a table whose page number is not "page" (the page has two tables in pages). */
export class NamedPagePaginator extends SimplePaginator {
  #name: string
  #query: Record<string, string> = {}

  constructor(name: string, total: number, perPage: number, page: number, ...rows: any[]) {
    super(total, perPage, page, ...rows)
    this.#name = name
  }

  keeping(query: Record<string, string>) {
    this.#query = query
    return this
  }

  getUrl(page: number) {
    const search = new URLSearchParams({ ...this.#query, [this.#name]: String(Math.max(1, page)) })
    return `${this.baseUrlPath()}?${search}`
  }

  baseUrlPath() {
    return (this as unknown as { url: string }).url
  }
}
