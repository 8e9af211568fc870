import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

export const HONEYPOT_FIELD = 'website'

/**
 * A form field people never see or fill in. A bot that fills it gets the
 * same neutral answer as a person, and nothing is saved or sent.
 */
export default class HoneypotMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const value = ctx.request.input(HONEYPOT_FIELD)
    if (typeof value === 'string' && value.trim() !== '') {
      ctx.logger.info({ path: ctx.request.url() }, 'honeypot field filled; request ignored')
      return ctx.response.send(await ctx.view.render('pages/honeypot'))
    }
    return next()
  }
}
