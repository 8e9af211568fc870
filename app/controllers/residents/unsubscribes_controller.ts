import type { HttpContext } from '@adonisjs/core/http'
import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import Resident from '#models/residents/resident'
import Unsubscription from '#services/residents/self_service/unsubscription'

export default class UnsubscribesController {
  async show({ request, params, view, response }: HttpContext) {
    const resident = await this.#residentFor(request.hasValidSignature(), params.id)
    if (!resident) {
      response.status(404)
      return view.render('pages/unsubscribe/invalid')
    }
    const action = signedUrlFor('unsubscribe.store', { id: resident.id })
    return view.render('pages/unsubscribe/show', { resident, action })
  }

  async store({ request, params, view, response }: HttpContext) {
    const resident = await this.#residentFor(request.hasValidSignature(), params.id)
    if (!resident) {
      response.status(404)
      return view.render('pages/unsubscribe/invalid')
    }
    await Unsubscription.unsubscribe(resident)
    return view.render('pages/unsubscribe/done', { resident })
  }

  /** RFC 8058 one-click unsubscribe, posted by the mail client itself. */
  async oneClick({ request, params, response }: HttpContext) {
    const resident = await this.#residentFor(request.hasValidSignature(), params.id)
    if (!resident) return response.notFound('This unsubscribe link is not valid.')
    await Unsubscription.unsubscribe(resident)
    return response.ok('You have been unsubscribed from all alerts.')
  }

  /** An erased resident's old links are dead: answering them would bring the record back as "unsubscribed". */
  async #residentFor(validSignature: boolean, id: string) {
    if (!validSignature) return null
    const resident = await Resident.find(Number(id))
    return resident && resident.status !== 'erased' ? resident : null
  }
}
