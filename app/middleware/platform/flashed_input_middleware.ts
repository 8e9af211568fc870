import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import FlashedInput from '#services/platform/pages/flashed_input'

/** A form's long input kept in Redis after its mistakes (FlashedInput), back for the page that shows them. */
export default class FlashedInputMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.request.method() === 'GET') await FlashedInput.restore(ctx)
    return next()
  }
}
