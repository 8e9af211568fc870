import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import EngagementRecorder from '#services/messaging/tracking/engagement_recorder'

// A transparent 1×1 GIF.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
const OPEN = /^\/o\/([^/]{1,512})\.gif$/
const CLICK = /^\/c\/([^/]{1,512})\/(\d{1,4})$/

/**
 * What a tracked alert email loads and links to (TrackedEmail): the image
 * that records an open (`/o/<token>.gif`) and the redirect that records a
 * click (`/c/<token>/<n>`). Answered before the session, CSRF and sign-in
 * middleware, like a cached public page: a mail app gets no cookie, and
 * the image costs one lookup and one write. The image is the same whether
 * or not the token is real, so asking reveals nothing; a click goes only to
 * a link the alert contains, and anything else goes on to the router, which
 * finds no route and says "not found".
 */
export default class TrackingMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request, response } = ctx
    const method = request.method()
    if (method !== 'GET' && method !== 'HEAD') return next()
    const path = request.url()
    const userAgent = request.header('user-agent')

    const open = OPEN.exec(path)
    if (open) {
      await EngagementRecorder.opened(open[1], userAgent)
      response.header('content-type', 'image/gif')
      // Each load asks again, so that a later open is not answered from a cache.
      response.header('cache-control', 'no-store, private')
      response.header('x-robots-tag', 'noindex')
      return response.send(PIXEL)
    }

    const click = CLICK.exec(path)
    if (click) {
      const target = await EngagementRecorder.clicked(click[1], Number(click[2]), userAgent)
      if (target) {
        response.header('cache-control', 'no-store, private')
        response.header('referrer-policy', 'no-referrer')
        response.header('x-robots-tag', 'noindex')
        return response.redirect(target)
      }
    }
    return next()
  }
}
