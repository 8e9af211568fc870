import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import PublicPageCache, {
  type CachedPage,
  languageKey,
  speaksLanguage,
} from '#services/platform/infrastructure/public_page_cache'
import SiteSettings from '#services/platform/site/site_settings'

/*
| Feed readers and CAP aggregators poll; a minute's staleness is nothing to
| them and spares the server. Pages are revalidated on every visit (a 304 when
| nothing changed), so a resident never sees an alert late.
*/
const FEED_CACHE_CONTROL = 'public, max-age=60'
const PAGE_CACHE_CONTROL = 'public, no-cache'

/*
| Only addresses a link or the filter form makes are kept: an area (a GSS code
| such as E05008481), a category, a page, each once and of the shape a link
| gives. A search, or a query string of someone's own invention, renders each
| time. Values of the right shape that name nothing are rendered but not kept:
| the controller, which checks them, says so (PublicPageCache.keepOut).
*/
const SHARED_VALUES: Record<string, RegExp> = {
  area: /^[A-Z][0-9]{8}$/,
  category: /^[a-z][a-z_]{0,39}$/,
  page: /^[1-9][0-9]{0,2}$/,
}

function isShared(ctx: HttpContext) {
  return Object.entries(ctx.request.qs()).every(
    ([name, value]) => typeof value === 'string' && SHARED_VALUES[name]?.test(value) === true
  )
}

/** The same filters in any order are one page. */
function cacheKey(ctx: HttpContext) {
  const query = new URLSearchParams(
    Object.entries(ctx.request.qs() as Record<string, string>).sort(([a], [b]) =>
      a.localeCompare(b)
    )
  ).toString()
  return query ? `${ctx.request.url(false)}?${query}` : ctx.request.url(false)
}

function isFeed(contentType: string) {
  return !contentType.startsWith('text/html')
}

/** Whether the client already holds this version (If-None-Match wins over If-Modified-Since). */
function clientHasIt(ctx: HttpContext, page: CachedPage) {
  const ifNoneMatch = ctx.request.header('if-none-match')
  if (ifNoneMatch) {
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === page.etag || tag === '*')
  }
  const ifModifiedSince = ctx.request.header('if-modified-since')
  if (!ifModifiedSince) return false
  const since = Date.parse(ifModifiedSince)
  return Number.isFinite(since) && Date.parse(page.lastModified) <= since
}

/** Answers with a cached page: 304 when the client holds it, else the page with its headers. */
export function sendCachedPage(ctx: HttpContext, page: CachedPage) {
  const { response } = ctx
  for (const [name, value] of Object.entries(page.headers ?? {})) response.header(name, value)
  response.header('ETag', page.etag)
  response.header('Last-Modified', page.lastModified)
  response.header(
    'Cache-Control',
    isFeed(page.contentType) ? FEED_CACHE_CONTROL : PAGE_CACHE_CONTROL
  )
  if (clientHasIt(ctx, page)) {
    response.status(304).send('')
    return
  }
  response.header('Content-Type', page.contentType)
  response.status(200).send(page.body)
}

/**
 * For the public pages and feeds only (the routes that use it): they read the
 * same for everyone who reads them in the same language, so the rendered output is kept (PublicPageCache) and a
 * client that holds it gets 304. A request that carries something of its own
 * (a flash message from a form) renders as usual and is not kept.
 */
export default class PublicPageCacheMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const method = ctx.request.method()
    const personal = ctx.session && Object.keys(ctx.session.flashMessages.all()).length > 0
    if ((method !== 'GET' && method !== 'HEAD') || personal || !isShared(ctx)) return next()

    // A page (not a feed) is kept once per language where Welsh is offered, and says so to proxies.
    const site = await SiteSettings.current()
    const inLanguages = speaksLanguage(ctx.request.url()) && site.welshOffered
    const locale = inLanguages ? (ctx.i18n?.locale ?? 'en') : 'en'
    if (inLanguages) ctx.response.append('Vary', 'Cookie')
    const url = languageKey(cacheKey(ctx), locale)
    const cached = await PublicPageCache.read(url)
    if (cached?.page) return sendCachedPage(ctx, cached.page)

    await next()
    const body = ctx.response.getBody()
    if (!cached || ctx.response.getStatus() !== 200 || typeof body !== 'string') return
    if (PublicPageCache.isKeptOut(ctx.request)) return
    const contentType = String(ctx.response.getHeader('content-type') ?? 'text/html; charset=utf-8')
    const page = await PublicPageCache.write(
      url,
      cached.edition,
      body,
      contentType,
      ctx.response.getHeaders(),
      locale
    )
    sendCachedPage(ctx, page)
  }
}
