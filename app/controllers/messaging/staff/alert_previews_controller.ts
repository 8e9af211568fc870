import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import AlertPreviews from '#services/messaging/alert_previews'
import env from '#start/env'

/** The email runs no script, loads nothing but its logo, and may be framed by the preview page only. */
function emailFramePolicy() {
  const origin = new URL(env.get('APP_URL')).origin
  return [
    `default-src 'none'`,
    `style-src 'unsafe-inline'`,
    `img-src 'self' ${origin} data:`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'self'`,
  ].join('; ')
}

/**
 * How an alert will look on each channel (email, SMS, voice, push), before
 * it is sent, with the organisation's branding.
 */
export default class AlertPreviewsController {
  async show({ params, view, bouncer }: HttpContext) {
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('view', alert)
    const preview = await AlertPreviews.of(alert)
    return view.render('pages/staff/alerts/preview', { alert, preview })
  }

  /** The email's HTML on its own, for the preview page's sandboxed frame. */
  async email({ params, response, bouncer }: HttpContext) {
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('view', alert)
    const preview = await AlertPreviews.of(alert)
    response.header('Content-Security-Policy', emailFramePolicy())
    response.header('X-Frame-Options', 'SAMEORIGIN')
    response.header('Cache-Control', 'no-store')
    response.type('text/html')
    return response.send(preview.email.html ?? '')
  }
}
