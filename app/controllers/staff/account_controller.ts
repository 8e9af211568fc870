import type { HttpContext } from '@adonisjs/core/http'
import RecoveryCodes from '#services/recovery_codes'

/** Your account: who you are, your organisations, and your two-factor sign-in. */
export default class AccountController {
  async show({ view, auth }: HttpContext) {
    const user = auth.user!
    return view.render('pages/staff/two_factor/account', {
      user,
      memberships: user.memberships,
      remaining: await RecoveryCodes.remaining(user),
    })
  }
}
