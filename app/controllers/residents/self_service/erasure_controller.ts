import type { HttpContext } from '@adonisjs/core/http'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import ResidentSession from '#services/residents/self_service/resident_session'

export default class ErasureController {
  async confirm({ view }: HttpContext) {
    return view.render('pages/self_service/delete_account')
  }

  async destroy(ctx: HttpContext) {
    await ResidentErasure.erase(ctx.resident.id)
    await ResidentSession.end(ctx)
    return ctx.response.redirect().toRoute('self_service.erased')
  }

  async done({ view }: HttpContext) {
    return view.render('pages/self_service/account_deleted')
  }
}
