import type { HttpContext } from '@adonisjs/core/http'
import ResidentDemographics, {
  ABOUT_YOU_QUESTIONS,
} from '#services/residents/preferences/resident_demographics'
import { aboutYouValidator } from '#validators/residents/self_service'

export default class AboutYouController {
  async edit({ view, resident }: HttpContext) {
    return view.render('pages/self_service/about_you', {
      answers: await ResidentDemographics.of(resident.id),
      questions: ABOUT_YOU_QUESTIONS,
    })
  }

  async update({ request, response, resident, session }: HttpContext) {
    const answers = await request.validateUsing(aboutYouValidator)
    await ResidentDemographics.save(resident.id, answers)
    session.flash('success', 'Thank you. Your answers have been saved.')
    return response.redirect().toRoute('self_service.account')
  }

  async destroy({ response, resident, session }: HttpContext) {
    await ResidentDemographics.clear(resident.id)
    session.flash('success', 'Your answers about you have been deleted.')
    return response.redirect().toRoute('self_service.account')
  }
}
