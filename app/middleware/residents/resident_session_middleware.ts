import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Resident from '#models/residents/resident'
import ResidentSession from '#services/residents/self_service/resident_session'

/**
 * Lets through only a resident signed in by a magic link, whose account still
 * exists; anyone else goes to the page that sends a new link.
 */
export default class ResidentSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const id = await ResidentSession.residentId(ctx)
    const resident = id
      ? await Resident.query().where('id', id).whereIn('status', ['active', 'unsubscribed']).first()
      : null
    if (!resident) {
      await ResidentSession.end(ctx)
      return ctx.response.redirect().toRoute('self_service.request')
    }
    ctx.resident = resident
    ctx.view.share({ resident })
    // Personal pages must not come back from the browser's cache after signing out.
    ctx.response.header('Cache-Control', 'no-store')
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    resident: Resident
  }
}
