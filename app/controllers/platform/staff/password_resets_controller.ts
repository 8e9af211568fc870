import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import EmailedLinks from '#services/platform/infrastructure/emailed_links'
import StaffPasswordResets, {
  RESET_LIFETIME_MINUTES,
} from '#services/platform/staff_accounts/staff_password_reset'
import StaffSignIn from '#services/platform/staff_accounts/staff_sign_in'
import {
  forgottenPasswordValidator,
  newPasswordValidator,
} from '#validators/platform/password_reset'

/**
 * "Forgotten your password?": a link by email, then a new password. Opening
 * the link changes nothing; the form on its page does. The second factor is
 * still asked for at the next sign-in.
 */
export default class PasswordResetsController {
  async create({ view }: HttpContext) {
    return view.render('pages/staff/password_reset/request')
  }

  /** The same answer whether or not the address is a member of staff's. */
  async store({ request, response }: HttpContext) {
    const { email } = await request.validateUsing(forgottenPasswordValidator)
    await EmailedLinks.queue('staff_password_reset', email)
    return response.redirect().toRoute('staff.password_reset.sent')
  }

  async sent({ view }: HttpContext) {
    return view.render('pages/staff/password_reset/sent', {
      lifetimeMinutes: RESET_LIFETIME_MINUTES,
    })
  }

  async edit({ params, view, response }: HttpContext) {
    const check = await StaffPasswordResets.check(params.token)
    response.header('Cache-Control', 'no-store')
    // The link's secret never leaves Beacon in a Referer header; the form still returns to it.
    response.header('Referrer-Policy', 'same-origin')
    if (check.state !== 'ready') return this.#unusable({ view, response }, check.state)
    return view.render('pages/staff/password_reset/edit', {
      token: params.token,
      email: check.reset.user.email,
      firstPassword: check.reset.purpose === 'first_password',
    })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, session, view } = ctx
    const check = await StaffPasswordResets.check(params.token)
    if (check.state !== 'ready') return this.#unusable({ view, response }, check.state)
    const { password } = await request.validateUsing(newPasswordValidator)
    const done = await StaffPasswordResets.complete(check.reset, password)
    if (!done) return this.#unusable({ view, response }, 'used')

    await AuditLogger.record(ctx, {
      action: 'staff.password_reset',
      userId: done.user.id,
      subjectType: 'user',
      subjectId: done.user.id,
      details: { sessionsEnded: done.sessionsEnded },
    })
    // Whoever was signed in on this browser, the new password starts from the sign-in page.
    if (ctx.auth.user) await StaffSignIn.signOut(ctx)
    session.flash(
      'success',
      check.reset.purpose === 'first_password'
        ? 'Your password is set. Sign in with it: next, you will set up an authenticator app on your phone.'
        : 'Your password has been changed. Sign in with your new password and the code from your authenticator app.'
    )
    session.flash('email', done.user.email)
    return response.redirect().toRoute('staff.login')
  }

  #unusable(
    { view, response }: Pick<HttpContext, 'view' | 'response'>,
    linkState: 'used' | 'expired' | 'invalid'
  ) {
    response.status(linkState === 'invalid' ? 404 : 410)
    return view.render('pages/staff/password_reset/unusable', {
      linkState,
      lifetimeMinutes: RESET_LIFETIME_MINUTES,
    })
  }
}
