import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import PostcodeLookup from '#services/areas/postcode_lookup'
import AccessHelpRequests from '#services/residents/self_service/access_help_requests'
import { accessHelpValidator } from '#validators/residents/access_help'

/** For a resident who can no longer open the email they signed up with. */
export default class AccessHelpController {
  async create({ view }: HttpContext) {
    return view.render('pages/self_service/help', {
      examplePostcode: await PostcodeLookup.example(),
    })
  }

  async store(ctx: HttpContext) {
    const answers = await ctx.request.validateUsing(accessHelpValidator)
    const request = await AccessHelpRequests.receive(answers)
    if (request) {
      await AuditLogger.record(ctx, {
        action: 'access_help.requested',
        userId: null,
        subjectType: 'access_help_request',
        subjectId: request.id,
      })
    }
    // The same page whether or not the address is registered, or the request was one too many.
    return ctx.response.redirect('/my-alerts/help/sent')
  }

  async sent({ view }: HttpContext) {
    return view.render('pages/self_service/help_sent')
  }
}
