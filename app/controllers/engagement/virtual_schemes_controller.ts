import type { HttpContext } from '@adonisjs/core/http'
import VirtualSchemes, {
  GROUP_RADII,
  GROUP_REFUSALS,
  MAX_GROUP_SPAN_METRES,
} from '#services/engagement/virtual_schemes'
import type { PlaceShape } from '#services/areas/shape_contains'
import { refuseAnswer } from '#validators/residents/sign_up'
import { virtualSchemeValidator } from '#validators/engagement/virtual_schemes'

/** A signed-in resident starts a virtual watch group for the streets around their home. */
export default class VirtualSchemesController {
  async create({ view, resident }: HttpContext) {
    return view.render('pages/self_service/virtual_group', {
      hasHome: resident.lat !== null && resident.lng !== null,
      radii: GROUP_RADII,
      maxSpanKm: MAX_GROUP_SPAN_METRES / 1000,
    })
  }

  async store({ request, response, resident, session }: HttpContext) {
    const { name, cover, shape } = await request.validateUsing(virtualSchemeValidator)
    const area =
      cover === 'drawn'
        ? typeof shape === 'object' && shape !== null
          ? (shape as PlaceShape)
          : null
        : VirtualSchemes.circleAround(resident, Number(cover))
    if (cover === 'drawn' && !area) {
      throw refuseAnswer(
        'shape',
        'Draw the group’s area on the map, or choose a distance around your home'
      )
    }
    if (!area) throw refuseAnswer('cover', GROUP_REFUSALS.no_home)
    const outcome = await VirtualSchemes.start(resident, name, area)
    if (!outcome.started) {
      const field =
        outcome.refusal === 'too_large' || outcome.refusal === 'home_outside' ? 'shape' : 'cover'
      throw refuseAnswer(field, GROUP_REFUSALS[outcome.refusal])
    }
    session.flash(
      'success',
      `You have started “${outcome.scheme.name}”. Neighbours who live inside it can join it from their own alert settings.`
    )
    return response.redirect().toRoute('self_service.schemes.edit')
  }
}
