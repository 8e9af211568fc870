import type { HttpContext } from '@adonisjs/core/http'
import MagicLinkSignIn, {
  MAGIC_LINK_LIFETIME_MINUTES,
  type MagicLinkState,
} from '#services/residents/self_service/magic_link_sign_in'
import ResidentSession from '#services/residents/self_service/resident_session'

function statusFor(state: MagicLinkState) {
  return state === 'invalid' ? 404 : 410
}

/**
 * The emailed link opens a page with a button, and only the button signs
 * in: mail scanners that follow links must not start anyone's session.
 */
export default class SessionsController {
  async show({ params, view, response }: HttpContext) {
    const state = await MagicLinkSignIn.inspect(params.token)
    if (state !== 'ready') response.status(statusFor(state))
    return this.#render(view, state, params.token)
  }

  async store(ctx: HttpContext) {
    const { params, view, response } = ctx
    const result = await MagicLinkSignIn.signIn(params.token)
    if (result.state !== 'signed_in') {
      response.status(statusFor(result.state))
      return this.#render(view, result.state, params.token)
    }
    await ResidentSession.start(ctx, result.residentId)
    return response.redirect().toRoute('self_service.account')
  }

  async destroy(ctx: HttpContext) {
    await ResidentSession.end(ctx)
    ctx.session.flash('success', 'You have signed out.')
    return ctx.response.redirect().toRoute('self_service.request')
  }

  async confirmEverywhere({ view }: HttpContext) {
    return view.render('pages/self_service/sign_out_everywhere')
  }

  /** For a resident who signed in on a shared or lost device: every session ends, this one too. */
  async destroyEverywhere(ctx: HttpContext) {
    await ResidentSession.endEverywhere(ctx, ctx.resident.id)
    ctx.session.flash('success', 'You have signed out on every device.')
    return ctx.response.redirect().toRoute('self_service.request')
  }

  #render(view: HttpContext['view'], outcome: MagicLinkState, token: string) {
    return view.render('pages/self_service/sign_in', {
      outcome,
      token,
      lifetimeMinutes: MAGIC_LINK_LIFETIME_MINUTES,
    })
  }
}
