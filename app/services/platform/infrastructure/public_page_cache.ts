import { createHash, randomUUID } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import { redisKey } from '#services/platform/infrastructure/redis_keys'

/** One rendered public response, as every web process shares it through Redis. */
export interface CachedPage {
  /** The edition of the public content it was rendered from (see `edition`). */
  edition: string
  body: string
  contentType: string
  etag: string
  /** When the public content last changed, as an HTTP date. */
  lastModified: string
  /** The rendered response's other headers (security headers among them), replayed on a hit. */
  headers?: Record<string, string>
}

/** Where cached pages live: a request elsewhere never asks Redis (see PublicPageShortcutMiddleware). */
export const CACHED_PATH_PREFIXES = ['/alerts']

/**
| The archive's pages (not its feeds, which are the same in every language)
| are rendered in the visitor's language when the install offers Welsh: the
| choice travels in this cookie (ServiceLanguage keeps it, a signed-in
| resident's too), so a page is kept once per language and says `Vary: Cookie`.
*/
export const LANGUAGE_COOKIE = 'beacon-language'
const PAGES_IN_LANGUAGES = /^\/alerts(?:\/\d+)?$/

/** Whether this address is a page read in the visitor's language (the archive, an alert), not a feed. */
export function speaksLanguage(path: string) {
  return PAGES_IN_LANGUAGES.test(path.split('?')[0])
}

/** The cache's key for an address in a language: English keeps the bare address, as before Welsh. */
export function languageKey(url: string, locale: string) {
  return locale === 'en' ? url : `${url}#${locale}`
}

/** Headers that belong to one response or one visitor, never replayed from the cache. */
const PERSONAL_HEADERS = new Set([
  'set-cookie',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'x-request-id',
  'etag',
  'last-modified',
  'cache-control',
  'content-type',
])

/*
| An entry outlives no edition, but one that is never asked for again (an odd
| search) must not stay for ever either.
*/
const ENTRY_TTL_SECONDS = 60 * 60
/** The body of an archive page or feed is tens of kilobytes; anything far larger is not kept. */
const MAX_BODY_BYTES = 2 * 1024 * 1024

function editionKey() {
  return redisKey('public-pages', 'edition')
}

function entryKey(url: string) {
  return redisKey('public-pages', 'page', createHash('sha1').update(url).digest('hex'))
}

/** A Welsh page's tag names its language: a client holding the English one never gets a 304 for it. */
function etagOf(body: string, locale: string) {
  const hash = createHash('sha1')
  if (locale !== 'en') hash.update(`${locale}\n`)
  return `"${hash.update(body).digest('base64url').slice(0, 27)}"`
}

/** "<milliseconds>-<random>": unique, and it says when the public content changed. */
function newEdition() {
  return `${Date.now()}-${randomUUID().slice(0, 8)}`
}

function editionTime(edition: string) {
  const milliseconds = Number(edition.split('-')[0])
  // HTTP dates have whole seconds; a conditional request compares them so.
  return new Date(Math.floor((Number.isFinite(milliseconds) ? milliseconds : 0) / 1000) * 1000)
}

/**
 * The public pages and feeds change only when public content does: an alert
 * published, changed or taken out of the archive, an organisation's name, the
 * site's settings, the areas. Each of those starts a new *edition*; a page
 * rendered from an older edition is never served again. The edition and the
 * pages live in Redis, so every web process serves and drops the same ones.
 * Redis being unavailable makes every request render, never fail.
 */
/** Responses their controller found naming nothing: rendered, never kept. */
const keptOut = new WeakSet<object>()

export default class PublicPageCache {
  /**
   * A controller found a filter naming nothing (an area code no area has, a page past
   * the last): its answer is rendered for this request only, so that invented addresses
   * cannot fill the cache.
   */
  static keepOut(request: object) {
    keptOut.add(request)
  }

  static isKeptOut(request: object) {
    return keptOut.has(request)
  }

  /** Starts a new edition: every cached public page and feed is rendered again when next asked for. */
  static async invalidate() {
    try {
      await redis.set(editionKey(), newEdition())
    } catch (error) {
      // Entries expire within the hour; a page a little stale is better than a failed publication.
      logger.error({ err: error }, 'Could not invalidate the public page cache')
    }
  }

  /**
   * The cached response for this address if it is of the current edition,
   * and the current edition (to store what is rendered now under).
   */
  static async read(url: string): Promise<{ page: CachedPage | null; edition: string } | null> {
    try {
      const [edition, stored] = await redis.mget(editionKey(), entryKey(url))
      if (!edition) {
        // The first request after Redis was emptied: start an edition (another process may win).
        await redis.set(editionKey(), newEdition(), 'NX')
        const current = await redis.get(editionKey())
        return current ? { page: null, edition: current } : null
      }
      const page = stored ? (JSON.parse(stored) as CachedPage) : null
      return { page: page && page.edition === edition ? page : null, edition }
    } catch (error) {
      logger.warn({ err: error }, 'The public page cache could not be read; rendering instead')
      return null
    }
  }

  /** Keeps a rendered response under the edition it was rendered from. */
  static async write(
    url: string,
    edition: string,
    body: string,
    contentType: string,
    responseHeaders: Record<string, unknown> = {},
    locale = 'en'
  ) {
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(responseHeaders)) {
      if (!PERSONAL_HEADERS.has(name.toLowerCase()) && value !== undefined) {
        headers[name] = Array.isArray(value) ? value.join(', ') : String(value)
      }
    }
    const page: CachedPage = {
      edition,
      body,
      contentType,
      headers,
      etag: etagOf(body, locale),
      lastModified: editionTime(edition).toUTCString(),
    }
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) return page
    try {
      // Rendered from an edition that has since ended: not kept (the next request renders anew).
      const current = await redis.get(editionKey())
      if (current === edition) {
        await redis.set(entryKey(url), JSON.stringify(page), 'EX', ENTRY_TTL_SECONDS)
      }
    } catch (error) {
      logger.warn({ err: error }, 'The public page cache could not be written')
    }
    return page
  }
}
