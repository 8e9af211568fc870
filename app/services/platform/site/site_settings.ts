import db from '@adonisjs/lucid/services/db'
import PublicPageCache from '#services/platform/infrastructure/public_page_cache'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import SiteSetting from '#models/platform/site_setting'
import { allowMapTileImages, mapTilesOf, type MapTiles } from '#services/platform/site/map_tiles'
import {
  DEFAULT_SERVICE_NAME,
  defaultPageText,
  type SitePage,
} from '#services/platform/site/site_defaults'

/** The install's words as pages and emails use them: defaults filled in. */
export interface SiteContent {
  serviceName: string
  contactEmail: string | null
  contactPhone: string | null
  contactAddress: string | null
  pages: Record<SitePage, string>
  /** Which pages still show the default text. */
  customised: Record<SitePage, boolean>
  /** The street map behind the maps, or null for outlines only. */
  mapTiles: MapTiles | null
  /** Whether the resident pages offer Welsh as well as English. */
  welshOffered: boolean
}

export interface SiteSettingsChange {
  serviceName: string
  contactEmail: string | null
  contactPhone: string | null
  contactAddress: string | null
  privacyNotice: string | null
  accessibilityStatement: string | null
  cookiesPage: string | null
  mapTileUrl: string | null
  mapTileAttribution: string | null
  welshOffered: boolean
}

const SINGLE_ROW = 1

/*
| Every page reads the settings, so each process keeps them for a few
| seconds; a change made in this process is seen at once, one made in
| another process within CACHE_MS.
*/
const CACHE_MS = 10_000
let cached: { content: SiteContent; at: number } | null = null

function contentOf(row: SiteSetting | null): SiteContent {
  const serviceName = row?.serviceName || DEFAULT_SERVICE_NAME
  return {
    serviceName,
    contactEmail: row?.contactEmail ?? null,
    contactPhone: row?.contactPhone ?? null,
    contactAddress: row?.contactAddress ?? null,
    pages: {
      privacy: row?.privacyNotice || defaultPageText('privacy', serviceName),
      accessibility: row?.accessibilityStatement || defaultPageText('accessibility', serviceName),
      cookies: row?.cookiesPage || defaultPageText('cookies', serviceName),
    },
    customised: {
      privacy: Boolean(row?.privacyNotice),
      accessibility: Boolean(row?.accessibilityStatement),
      cookies: Boolean(row?.cookiesPage),
    },
    mapTiles: mapTilesOf(row?.mapTileUrl ?? null, row?.mapTileAttribution ?? null),
    welshOffered: Boolean(row?.welshOffered),
  }
}

export default class SiteSettings {
  static async current(): Promise<SiteContent> {
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.content
    const content = contentOf(await SiteSetting.find(SINGLE_ROW))
    cached = { content, at: Date.now() }
    allowMapTileImages(content.mapTiles)
    return content
  }

  /** The stored row as an admin edits it (nulls where the default applies). */
  static async stored() {
    return SiteSetting.find(SINGLE_ROW)
  }

  static async update(change: Partial<SiteSettingsChange>, client?: TransactionClientContract) {
    const save = async (trx: TransactionClientContract) => {
      const row =
        (await SiteSetting.find(SINGLE_ROW, { client: trx })) ??
        new SiteSetting().useTransaction(trx).fill({ id: SINGLE_ROW })
      row.merge(change)
      await row.save()
    }
    await (client ? save(client) : db.transaction(save))
    SiteSettings.forget()
    // Every public page shows the service name and contact details.
    await PublicPageCache.invalidate()
  }

  /** Drops this process's copy (after a change, and between tests). */
  static forget() {
    cached = null
  }
}
