import type { HttpContext } from '@adonisjs/core/http'

/** "?all=1": the list with no filter, which also forgets the one remembered. */
export const ALL_PARAMETER = 'all'

type Filters = object

/** A filter form sends an empty value for "any": that is no filter rather than a wrong one. */
export function filledIn(queryString: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(queryString).filter(([, value]) => value !== '' && value !== null)
  )
}

/**
 * The last filter a member of staff chose on a list (residents, alerts, the
 * audit log), kept in their session per list and per organisation: coming
 * back to the list from the menu shows what they were looking at, and
 * "Clear filters" (?all=1) shows everything and forgets it.
 */
export default class ListFilterMemory {
  /**
   * Where to send a visit to the bare list when a filter is remembered, or
   * null to show the list as asked.
   */
  static remembered(ctx: HttpContext, list: string, path: string): string | null {
    if (Object.keys(ctx.request.qs()).length > 0) return null
    const saved = ctx.session.get(this.#key(ctx, list)) as string | undefined
    return saved ? `${path}?${saved}` : null
  }

  /** Remembers the filters the list was shown with (not the page); none forgets them. */
  static remember(ctx: HttpContext, list: string, filters: Filters) {
    const chosen = Object.entries(filters).filter(
      ([name, value]) => name !== 'page' && value !== undefined && value !== ''
    )
    if (chosen.length === 0) {
      ctx.session.forget(this.#key(ctx, list))
      return
    }
    const query = new URLSearchParams()
    for (const [name, value] of chosen) query.append(name, String(value))

    ctx.session.put(this.#key(ctx, list), query.toString())
  }

  /**
   * The session reads a dotted key as a path, and a number in a path as an
   * array index: `listFilters.1456.residents` would store an array of 1,456
   * entries, a session cookie too large for browsers to keep. So the
   * organisation's part of the path is never a bare number.
   */
  static #key(ctx: HttpContext, list: string) {
    return `listFilters.organisation-${ctx.membership?.organisationId ?? 0}.${list}`
  }
}
