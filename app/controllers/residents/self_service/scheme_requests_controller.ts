import type { HttpContext } from '@adonisjs/core/http'
import SchemeJoinRequests, {
  JoinRequestRefusal,
} from '#services/residents/coordinators/scheme_join_requests'
import SchemesNearby from '#services/residents/coordinators/schemes_nearby'

/** Watch schemes near the resident: they ask to join one, and may withdraw while it waits. */
export default class SchemeRequestsController {
  async index({ view, resident }: HttpContext) {
    return view.render('pages/self_service/schemes_near', {
      schemes: await SchemesNearby.of(resident),
    })
  }

  async store({ params, response, resident, session }: HttpContext) {
    try {
      const scheme = await SchemeJoinRequests.ask(resident, Number(params.id))
      session.flash(
        'success',
        `You have asked to join ${scheme.name}. We will let you know when its coordinator has decided.`
      )
    } catch (error) {
      if (!(error instanceof JoinRequestRefusal)) throw error
      session.flash('error', error.message)
    }
    return response.redirect().toPath('/my-alerts/schemes/near')
  }

  async withdraw({ params, response, resident, session }: HttpContext) {
    if (await SchemeJoinRequests.withdraw(resident, Number(params.id))) {
      session.flash('success', 'You have withdrawn your request.')
    } else {
      session.flash('error', 'There was no request waiting to withdraw.')
    }
    return response.redirect().toPath('/my-alerts/schemes/near')
  }
}
