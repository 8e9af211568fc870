import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import RecoveryCodes from '#services/platform/staff_accounts/recovery_codes'
import InvitationJoining from '#services/platform/staff_accounts/invitation_joining'
import StaffSignIn from '#services/platform/staff_accounts/staff_sign_in'
import StaffSignInLimits from '#services/platform/staff_accounts/staff_sign_in_limits'
import TwoFactor, { asTotpCode, type CodeCheck } from '#services/platform/staff_accounts/two_factor'
import { twoFactorCodeValidator } from '#validators/platform/staff_accounts'

const REFUSALS: Record<Exclude<CodeCheck, 'accepted'>, string> = {
  wrong: 'The code is not right. Enter the 6-digit code your authenticator app shows now',
  replayed: 'That code has already been used. Wait for your app to show a new code, then enter it',
}

/**
 * The second step of staff sign-in: setting up an authenticator app the
 * first time, then a code from it (or a recovery code) every time.
 */
export default class TwoFactorController {
  async show({ view, response, session }: HttpContext) {
    const user = await StaffSignIn.pendingUser({ session })
    if (!user) return this.#startAgain({ response, session })
    if (!TwoFactor.isEnrolled(user)) return response.redirect().toRoute('staff.two_factor.setup')
    return view.render('pages/staff/two_factor/challenge')
  }

  async verify(ctx: HttpContext) {
    const { request, response, session } = ctx
    const user = await StaffSignIn.pendingUser(ctx)
    if (!user || !TwoFactor.isEnrolled(user)) return this.#startAgain(ctx)
    await StaffSignInLimits.guard(user.email, request.ip())
    const { code } = await request.validateUsing(twoFactorCodeValidator)

    if (asTotpCode(code)) {
      const check = await TwoFactor.verify(user, code)
      if (check !== 'accepted') return this.#refuse(ctx, REFUSALS[check], 'staff.two_factor.show')
      await StaffSignIn.complete(ctx, user)
      await InvitationJoining.afterSignIn(ctx, user)
      return response.redirect().toRoute('staff.dashboard')
    }

    const remaining = RecoveryCodes.looksLikeOne(code)
      ? await RecoveryCodes.consume(user, code)
      : null
    if (remaining === null) {
      return this.#refuse(
        ctx,
        'The code is not right. Enter the 6-digit code from your app, or a recovery code you have not used',
        'staff.two_factor.show'
      )
    }
    await StaffSignIn.complete(ctx, user)
    await InvitationJoining.afterSignIn(ctx, user)
    await AuditLogger.record(ctx, {
      action: 'two_factor.recovery_code_used',
      subjectType: 'user',
      subjectId: user.id,
      details: { remaining },
    })
    session.flash(
      remaining === 0 ? 'error' : 'success',
      `You signed in with a recovery code. ${
        remaining === 0
          ? 'You have no recovery codes left: create new ones now from Your account.'
          : `You have ${remaining} recovery ${remaining === 1 ? 'code' : 'codes'} left.`
      }`
    )
    return response.redirect().toRoute('staff.dashboard')
  }

  async setup({ view, response, session }: HttpContext) {
    const user = await StaffSignIn.pendingUser({ session })
    if (!user) return this.#startAgain({ response, session })
    if (TwoFactor.isEnrolled(user)) return response.redirect().toRoute('staff.two_factor.show')
    const { secret, qrSvg } = await TwoFactor.beginEnrolment(user)
    response.header('Cache-Control', 'no-store')
    return view.render('pages/staff/two_factor/setup', {
      qrSvg,
      secretGroups: secret.match(/.{1,4}/g)!.join(' '),
    })
  }

  async confirm(ctx: HttpContext) {
    const { request, response, view } = ctx
    const user = await StaffSignIn.pendingUser(ctx)
    if (!user) return this.#startAgain(ctx)
    if (TwoFactor.isEnrolled(user)) return response.redirect().toRoute('staff.two_factor.show')
    const { code } = await request.validateUsing(twoFactorCodeValidator)
    const check = await TwoFactor.confirmEnrolment(user, code)
    if (check !== 'accepted') return this.#refuse(ctx, REFUSALS[check], 'staff.two_factor.setup')

    const codes = await RecoveryCodes.regenerate(user)
    await StaffSignIn.complete(ctx, user)
    await AuditLogger.record(ctx, {
      action: 'two_factor.enrolled',
      subjectType: 'user',
      subjectId: user.id,
    })
    await InvitationJoining.afterSignIn(ctx, user)
    // Shown in this answer only: the codes are never stored in the clear or shown again.
    response.header('Cache-Control', 'no-store')
    return view.render('pages/staff/two_factor/recovery_codes', { codes, firstTime: true })
  }

  /** A wrong code after the right password counts against the account: its password may be known. */
  async #refuse(
    { session, response, request }: HttpContext,
    message: string,
    route: 'staff.two_factor.show' | 'staff.two_factor.setup'
  ) {
    const email = StaffSignIn.pendingEmail({ session })
    if (email) await StaffSignInLimits.recordFailure(email, request.ip())
    session.flash('inputErrorsBag', { code: [message] })
    return response.redirect().toRoute(route)
  }

  #startAgain({ response, session }: Pick<HttpContext, 'response' | 'session'>) {
    session.flash('error', 'Sign in with your email address and password first.')
    return response.redirect().toRoute('staff.login')
  }
}
