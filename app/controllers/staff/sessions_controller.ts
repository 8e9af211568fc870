import type { HttpContext } from '@adonisjs/core/http'
import { errors as authErrors } from '@adonisjs/auth'
import User from '#models/user'
import { staffLoginValidator } from '#validators/staff_session'

export default class SessionsController {
  async create({ view }: HttpContext) {
    return view.render('pages/staff/login')
  }

  async store({ request, response, auth, session }: HttpContext) {
    const { email, password } = await request.validateUsing(staffLoginValidator)
    try {
      const user = await User.verifyCredentials(email.toLowerCase(), password)
      await auth.use('web').login(user)
    } catch (error) {
      if (!(error instanceof authErrors.E_INVALID_CREDENTIALS)) throw error
      session.flashExcept(['password'])
      session.flash('inputErrorsBag', { email: ['The email address or password is not right'] })
      return response.redirect().toRoute('staff.login')
    }
    return response.redirect().toRoute('staff.dashboard')
  }

  async destroy({ auth, response }: HttpContext) {
    await auth.use('web').logout()
    return response.redirect().toRoute('staff.login')
  }
}
