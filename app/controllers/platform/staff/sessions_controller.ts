import type { HttpContext } from '@adonisjs/core/http'
import { errors as authErrors } from '@adonisjs/auth'
import User from '#models/platform/user'
import StaffSignIn from '#services/platform/staff_accounts/staff_sign_in'
import StaffSignInLimits from '#services/platform/staff_accounts/staff_sign_in_limits'
import TwoFactor from '#services/platform/staff_accounts/two_factor'
import { staffLoginValidator } from '#validators/platform/staff_session'

export default class SessionsController {
  async create({ view, session }: HttpContext) {
    return view.render('pages/staff/login', {
      idleMinutes: session.flashMessages.get('signedOutIdleMinutes'),
    })
  }

  /** The password is the first step only: the second factor signs the person in. */
  async store(ctx: HttpContext) {
    const { request, response, session } = ctx
    const { email, password } = await request.validateUsing(staffLoginValidator)
    // Before the password is checked: once paused, the right password is refused too.
    await StaffSignInLimits.guard(email, request.ip())
    let user: User
    try {
      user = await User.verifyCredentials(email.toLowerCase(), password)
    } catch (error) {
      if (!(error instanceof authErrors.E_INVALID_CREDENTIALS)) throw error
      await StaffSignInLimits.recordFailure(email, request.ip())
      session.flashExcept(['password'])
      session.flash('inputErrorsBag', { email: ['The email address or password is not right'] })
      return response.redirect().toRoute('staff.login')
    }
    StaffSignIn.begin(ctx, user)
    return response
      .redirect()
      .toRoute(TwoFactor.isEnrolled(user) ? 'staff.two_factor.show' : 'staff.two_factor.setup')
  }

  async destroy(ctx: HttpContext) {
    await StaffSignIn.signOut(ctx)
    return ctx.response.redirect().toRoute('staff.login')
  }
}
