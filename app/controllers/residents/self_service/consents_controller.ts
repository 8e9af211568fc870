import type { HttpContext } from '@adonisjs/core/http'
import ResidentConsents from '#services/residents/preferences/resident_consents'
import { consentsValidator } from '#validators/residents/self_service'

export default class ConsentsController {
  async edit({ view, resident }: HttpContext) {
    return view.render('pages/self_service/organisations', {
      consents: await ResidentConsents.list(resident.id),
    })
  }

  async update({ request, response, resident, session }: HttpContext) {
    const { organisationIds } = await request.validateUsing(consentsValidator)
    await ResidentConsents.set(resident.id, (organisationIds ?? []).map(Number))
    session.flash('success', 'Your choice of organisations has been saved.')
    return response.redirect().toRoute('self_service.account')
  }
}
