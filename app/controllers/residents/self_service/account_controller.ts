import type { HttpContext } from '@adonisjs/core/http'
import ResidentOverview from '#services/residents/self_service/resident_overview'
import ResidentDetails from '#services/residents/self_service/resident_details'
import Unsubscription from '#services/residents/self_service/unsubscription'

export default class AccountController {
  async show({ view, resident }: HttpContext) {
    return view.render('pages/self_service/account', {
      ...(await ResidentOverview.of(resident)),
      details: await ResidentDetails.summary(resident),
    })
  }

  async stop({ resident, response, session }: HttpContext) {
    await Unsubscription.unsubscribe(resident)
    session.flash('success', 'You have stopped all alerts. You can resume them at any time.')
    return response.redirect().toRoute('self_service.account')
  }

  async resume({ resident, response, session }: HttpContext) {
    await Unsubscription.resume(resident)
    session.flash('success', 'Your alerts are on again.')
    return response.redirect().toRoute('self_service.account')
  }
}
