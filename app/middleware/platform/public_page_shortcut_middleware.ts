import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import PublicPageCache, {
  CACHED_PATH_PREFIXES,
  LANGUAGE_COOKIE,
  languageKey,
  speaksLanguage,
} from '#services/platform/infrastructure/public_page_cache'
import SiteSettings from '#services/platform/site/site_settings'
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
      !CACHED_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
    ) {
      return next()
    }
    // The page in the language the visitor chose (its cookie: a signed-in resident's choice is kept there too).
    const choseWelsh = speaksLanguage(path) && ctx.request.cookie(LANGUAGE_COOKIE) === 'cy'
    const site = choseWelsh ? await SiteSettings.current() : null
    const welsh = choseWelsh && site?.welshOffered === true
    const cached = await PublicPageCache.read(
      languageKey(ctx.request.url(true), welsh ? 'cy' : 'en')
    )
    if (!cached?.page) return next()
    sendCachedPage(ctx, cached.page)
  }
}
