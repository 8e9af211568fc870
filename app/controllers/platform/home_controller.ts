import type { HttpContext } from '@adonisjs/core/http'
import Organisation from '#models/platform/organisation'

export default class HomeController {
  async index({ view }: HttpContext) {
    const organisations = await Organisation.query().orderBy('name')
    return view.render('pages/home', { organisations })
  }
}
