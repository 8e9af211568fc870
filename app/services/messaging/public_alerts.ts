import db from '@adonisjs/lucid/services/db'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Area from '#models/areas/area'
import Alert from '#models/messaging/alert'
import type { AlertCategory } from '#services/messaging/alert_categories'
import { isPostgres } from '#services/platform/infrastructure/sql_dialect'

export interface ArchiveFilters {
  /** Words that must each appear in the title or the body. */
  q?: string
  /** An area's code: alerts for it, for the district it lies in, or for its wards. */
  area?: string
  category?: AlertCategory
}

/** The filters as a query string ("?area=…&category=…"), or nothing without filters. */
export function archiveQueryString(filters: ArchiveFilters) {
  const chosen = Object.entries(filters).filter(([, value]) => value !== undefined && value !== '')
  const query = new URLSearchParams(chosen).toString()
  return query ? `?${query}` : ''
}

export const ARCHIVE_PAGE_SIZE = 20
export const FEED_SIZE = 50

type AlertQuery = ModelQueryBuilderContract<typeof Alert>

/** The words of a search, each as a LIKE pattern in which a typed "%" or "_" is just a character. */
function searchPatterns(text: string) {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 10)
    .map((word) => `%${word.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`)
}

/**
 * Alerts anyone may read: sent, and published by their sender. Every public
 * page, feed and CAP document starts from here, so a draft, an alert still
 * sending or one kept out of the archive is never found.
 */
export default class PublicAlerts {
  static query(): AlertQuery {
    return Alert.query()
      .where('alerts.status', 'sent')
      .where('alerts.is_public', true)
      .whereNotNull('alerts.completed_at')
  }

  static find(id: number) {
    return this.query()
      .where('alerts.id', id)
      .preload('organisation')
      .preload('cosignerOrganisation')
      .first()
  }

  static async search(filters: ArchiveFilters, page: number) {
    return this.#matching(filters, await this.#areaIdsFor(filters))
      .preload('organisation')
      .preload('cosignerOrganisation')
      .orderBy('alerts.completed_at', 'desc')
      .orderBy('alerts.id', 'desc')
      .paginate(page, ARCHIVE_PAGE_SIZE)
  }

  /** The newest alerts matching the filters, for the feeds. */
  static async latest(filters: ArchiveFilters, limit = FEED_SIZE) {
    return this.#matching(filters, await this.#areaIdsFor(filters))
      .preload('organisation')
      .preload('cosignerOrganisation')
      .orderBy('alerts.completed_at', 'desc')
      .orderBy('alerts.id', 'desc')
      .limit(limit)
  }

  static async anyPublished() {
    return (await this.query().select('alerts.id').first()) !== null
  }

  /** The areas each alert targets (names and levels, not outlines), in one query. */
  static async areasOf(alerts: Alert[]) {
    const ids = [...new Set(alerts.flatMap((alert) => alert.criteria.areaIds ?? []))]
    const areas = ids.length
      ? await Area.query().whereIn('id', ids).select('id', 'code', 'name', 'level', 'parent_id')
      : []
    const byId = new Map(areas.map((area) => [area.id, area]))
    return new Map(
      alerts.map((alert) => [
        alert.id,
        (alert.criteria.areaIds ?? [])
          .map((id) => byId.get(id))
          .filter((area): area is Area => area !== undefined)
          .sort((a, b) => a.name.localeCompare(b.name)),
      ])
    )
  }

  // Not async: a query builder is a thenable, and returning it from an async function would run it.
  static #matching(filters: ArchiveFilters, areaIds: number[] | null) {
    const query = this.query()
    for (const pattern of searchPatterns(filters.q ?? '')) {
      // SQLite has no default escape character for LIKE, so it is named for both databases.
      query.where((inner) => {
        inner
          .whereRaw(`lower(alerts.title) like ? escape '\\'`, [pattern])
          .orWhereRaw(`lower(alerts.body) like ? escape '\\'`, [pattern])
      })
    }
    if (filters.category) query.where('alerts.category', filters.category)
    if (areaIds) this.#targetingAnyOf(query, areaIds)
    return query
  }

  static async #areaIdsFor(filters: ArchiveFilters) {
    if (!filters.area) return null
    const area = await Area.findBy('code', filters.area)
    return area ? this.#relatedAreaIds(area) : []
  }

  /**
   * An alert for a district reaches the residents of each of its wards, and
   * one for a ward reaches residents of its district: both belong under
   * either when someone looks for alerts where they live.
   */
  static async #relatedAreaIds(area: Area) {
    const children = await db.from('areas').where('parent_id', area.id).select('id')
    return [area.id, ...(area.parentId ? [area.parentId] : []), ...children.map((row) => row.id)]
  }

  /** Targets live in the criteria JSON, read with each database's own JSON functions. */
  static #targetingAnyOf(query: AlertQuery, areaIds: number[]) {
    if (areaIds.length === 0) {
      query.whereRaw('1 = 0')
      return
    }
    const placeholders = areaIds.map(() => '?').join(', ')
    if (isPostgres()) {
      query.whereRaw(
        `exists (select 1 from jsonb_array_elements_text((alerts.criteria)::jsonb -> 'areaIds') as target(id) where target.id in (${placeholders}))`,
        areaIds.map(String)
      )
    } else {
      query.whereRaw(
        `exists (select 1 from json_each(alerts.criteria, '$.areaIds') as target where target.value in (${placeholders}))`,
        areaIds
      )
    }
  }
}
