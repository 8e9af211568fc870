import type { HttpContext } from '@adonisjs/core/http'
import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import Subscriber from '#models/residents/subscriber'
import Unsubscription from '#services/residents/self_service/unsubscription'

export default class UnsubscribesController {
  async show({ request, params, view, response }: HttpContext) {
    const subscriber = await this.#subscriberFor(request.hasValidSignature(), params.id)
    if (!subscriber) {
      response.status(404)
      return view.render('pages/unsubscribe/invalid')
    }
    const action = signedUrlFor('unsubscribe.store', { id: subscriber.id })
    return view.render('pages/unsubscribe/show', { subscriber, action })
  }

  async store({ request, params, view, response }: HttpContext) {
    const subscriber = await this.#subscriberFor(request.hasValidSignature(), params.id)
    if (!subscriber) {
      response.status(404)
      return view.render('pages/unsubscribe/invalid')
    }
    await Unsubscription.unsubscribe(subscriber)
    return view.render('pages/unsubscribe/done', { subscriber })
  }

  /** RFC 8058 one-click unsubscribe, posted by the mail client itself. */
  async oneClick({ request, params, response }: HttpContext) {
    const subscriber = await this.#subscriberFor(request.hasValidSignature(), params.id)
    if (!subscriber) return response.notFound('This unsubscribe link is not valid.')
    await Unsubscription.unsubscribe(subscriber)
    return response.ok('You have been unsubscribed from all alerts.')
  }

  /** An erased resident's old links are dead: answering them would bring the record back as "unsubscribed". */
  async #subscriberFor(validSignature: boolean, id: string) {
    if (!validSignature) return null
    const subscriber = await Subscriber.find(Number(id))
    return subscriber && subscriber.status !== 'erased' ? subscriber : null
  }
}
