import type { HttpContext } from '@adonisjs/core/http'
import { MAGIC_LINK_LIFETIME_MINUTES } from '#services/residents/self_service/magic_link_sign_in'
import EmailedLinks from '#services/platform/infrastructure/emailed_links'
import ResidentSession from '#services/residents/self_service/resident_session'
import { magicLinkRequestValidator } from '#validators/residents/self_service'

export default class MagicLinksController {
  async create(ctx: HttpContext) {
    if (await ResidentSession.residentId(ctx)) {
      return ctx.response.redirect().toRoute('self_service.account')
    }
    return ctx.view.render('pages/self_service/request')
  }

  async store({ request, response, session }: HttpContext) {
    const { email } = await request.validateUsing(magicLinkRequestValidator)
    await EmailedLinks.queue('resident_sign_in', email)
    session.flash('magicLinkEmail', email)
    return response.redirect().toRoute('self_service.check_email')
  }

  async checkEmail({ view, session }: HttpContext) {
    return view.render('pages/self_service/check_email', {
      email: session.flashMessages.get('magicLinkEmail'),
      lifetimeMinutes: MAGIC_LINK_LIFETIME_MINUTES,
    })
  }
}
