import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * A page that did not say how it may be cached is not cached anywhere: forms
 * carry a CSRF token of their own, staff and residents' pages their data.
 * Only the public archive and its feeds (PublicPageCacheMiddleware) and
 * static assets say otherwise.
 */
export default class PrivateByDefaultMiddleware {
  async handle({ response }: HttpContext, next: NextFn) {
    await next()
    if (response.getHeader('cache-control') === undefined) {
      response.header('Cache-Control', 'private, no-store')
    }
  }
}
