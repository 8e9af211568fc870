import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaffSessions, {
  STAFF_SESSION_KEY,
  idleMinutes,
} from '#services/platform/staff_accounts/staff_sessions'

/** Sent by pages' own polling scripts: an open page left alone is not activity. */
export const BACKGROUND_HEADER = 'x-beacon-background'

/**
 * Ends a staff session after STAFF_IDLE_MINUTES without a request, and one
 * that was signed out or never passed two-factor sign-in. Runs after silent
 * auth on every request; staff pages then send the browser to the sign-in
 * page, which says why.
 */
export default class StaffIdleSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.user
    if (user) {
      const state = await StaffSessions.touch(
        ctx.session.get(STAFF_SESSION_KEY),
        user.id,
        ctx.request.header(BACKGROUND_HEADER) !== '1'
      )
      if (state !== 'active') {
        ctx.session.forget(STAFF_SESSION_KEY)
        await ctx.auth.use('web').logout()
        if (state === 'idle') ctx.session.flash('signedOutIdleMinutes', idleMinutes())
      }
    }
    return next()
  }
}
