import type { HttpContext } from '@adonisjs/core/http'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { verificationLookups } from '#start/limiter'
import AlertVerification from '#services/messaging/verification/alert_verification'
import { verificationQrPng } from '#services/messaging/verification/verification_qr'
import { verificationCodeValidator } from '#validators/messaging/verification_code'

/**
 * /verify: anyone checks an alert's reference code, typed in or opened from
 * the QR code in the email, to tell a genuine alert from an impersonation.
 * A GET form, so it works without JavaScript and the QR link shows the answer.
 */
export default class VerificationsController {
  async show({ request, response, view }: HttpContext) {
    const typed = request.qs().code
    if (typed === undefined) return view.render('pages/verify/show', { typed: '' })

    const [invalid, valid] = await request.tryValidateUsing(verificationCodeValidator, {
      data: { code: typed },
    })
    if (invalid) {
      return response.status(422).send(
        await view.render('pages/verify/show', {
          typed: String(typed).slice(0, 40),
          error: invalid.messages[0]?.message,
        })
      )
    }

    // Only well-formed codes count towards the limit: nothing else reaches the database.
    try {
      await verificationLookups().consume(`verify:${request.ip()}`)
    } catch (error) {
      if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
      const wait = error.response.availableIn
      response.header('Retry-After', String(wait))
      const minutes = Math.max(1, Math.ceil(wait / 60))
      return response.status(429).send(await view.render('pages/verify/too_many', { minutes }))
    }

    response.header('Cache-Control', 'no-store')
    const alert = await AlertVerification.lookup(valid.code)
    if (!alert) {
      return response
        .status(404)
        .send(await view.render('pages/verify/unknown', { typed: String(typed).slice(0, 40) }))
    }
    return view.render('pages/verify/genuine', { alert })
  }

  /** The QR code for an email footer: the same image for a code forever, so caches keep it. */
  async qr({ params, response }: HttpContext) {
    const [invalid, valid] = await verificationCodeValidator.tryValidate({ code: params.code })
    if (invalid) return response.notFound('Not a code')
    response.header('Content-Type', 'image/png')
    response.header('Cache-Control', 'public, max-age=31536000, immutable')
    return response.send(await verificationQrPng(valid.code))
  }
}
