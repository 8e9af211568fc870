import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import PublicPageCache, {
  CACHED_PATH_PREFIXES,
} from '#services/platform/infrastructure/public_page_cache'
import { sendCachedPage } from '#middleware/platform/public_page_cache_middleware'

/**
 * A cached public page is the same for everyone, so it is answered before the
 * session, CSRF and sign-in middleware run for it (most of a request's cost
 * once nothing is rendered): its security headers are replayed from the
 * render that was cached, and no cookie is set. A miss goes on to the route,
 * whose PublicPageCacheMiddleware renders and keeps the page.
 */
export default class PublicPageShortcutMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const method = ctx.request.method()
    const path = ctx.request.url()
    if (
      (method !== 'GET' && method !== 'HEAD') ||
      !CACHED_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)) ||
      // The cache holds the English pages only (PublicPageCacheMiddleware).
      ctx.request.cookie('beacon-language') === 'cy'
    ) {
      return next()
    }
    const cached = await PublicPageCache.read(ctx.request.url(true))
    if (!cached?.page) return next()
    sendCachedPage(ctx, cached.page)
  }
}
