import type { HttpContext } from '@adonisjs/core/http'
import EngagementRecorder from '#services/messaging/tracking/engagement_recorder'

// A transparent 1×1 GIF.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

/**
 * What a tracked alert email loads and links to (TrackedEmail): the image
 * that records an open, and the redirect that records a click.
 */
export default class TrackingController {
  /** Always the same image, whether or not the token is real: nothing to learn from asking. */
  async open({ params, request, response }: HttpContext) {
    const token = String(params.file).replace(/\.gif$/, '')
    await EngagementRecorder.opened(token, request.header('user-agent'))
    response.header('content-type', 'image/gif')
    // Each load asks again, so that a later open is not answered from a cache.
    response.header('cache-control', 'no-store, private')
    response.header('x-robots-tag', 'noindex')
    return response.send(PIXEL)
  }

  /** Only to a link the alert contains: anything else is "not found", never a redirect elsewhere. */
  async click({ params, request, response }: HttpContext) {
    const index = /^\d{1,4}$/.test(String(params.index)) ? Number(params.index) : -1
    const target =
      index < 0
        ? null
        : await EngagementRecorder.clicked(
            String(params.token),
            index,
            request.header('user-agent')
          )
    if (!target) return response.notFound('This link is not one of ours, or has expired.')
    response.header('cache-control', 'no-store, private')
    response.header('referrer-policy', 'no-referrer')
    return response.redirect(target)
  }
}
