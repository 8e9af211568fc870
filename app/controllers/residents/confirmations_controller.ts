import type { HttpContext } from '@adonisjs/core/http'
import SubscriptionConfirmation from '#services/residents/registration/subscription_confirmation'

/**
 * The emailed link opens a page with a button, and only the button confirms:
 * mail scanners that follow links must not subscribe anyone.
 */
export default class ConfirmationsController {
  async show({ params, view, response }: HttpContext) {
    const state = await SubscriptionConfirmation.inspect(params.token)
    if (state !== 'ready') response.status(state === 'invalid' ? 404 : 410)
    return view.render('pages/confirmation/show', { outcome: state, token: params.token })
  }

  async store({ params, view, response }: HttpContext) {
    const state = await SubscriptionConfirmation.confirm(params.token)
    if (!state.startsWith('confirmed')) response.status(state === 'invalid' ? 404 : 410)
    return view.render('pages/confirmation/show', { outcome: state, token: params.token })
  }
}
