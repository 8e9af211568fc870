import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import AuditLogger from '#services/platform/audit/audit_logger'
import AccessHelpRequests from '#services/residents/self_service/access_help_requests'
import ResidentDirectory from '#services/residents/records/resident_directory'

const pageValidator = vine.create({
  page: vine.number().withoutDecimals().range([1, 100000]).optional(),
})

/** Residents' requests for help signing in, and the answer: a link to their address on record. */
export default class AccessRequestsController {
  async index({ request, view, membership, bouncer }: HttpContext) {
    await bouncer.with('ResidentPolicy').authorize('viewList', membership.organisationId)
    const [, valid] = await request.tryValidateUsing(pageValidator, { data: request.qs() })
    const requests = await AccessHelpRequests.list(
      { organisationId: membership.organisationId, isAdmin: membership.role === 'admin' },
      valid?.page ?? 1
    )
    requests.baseUrl('/staff/access-requests')
    return view.render('pages/staff/access_requests/index', { requests })
  }

  async sendSignInLink(ctx: HttpContext) {
    const { params, response, membership, bouncer, session } = ctx
    await bouncer.with('ResidentPolicy').authorize('viewList', membership.organisationId)
    const resident = await ResidentDirectory.find(membership.organisationId, params.id)
    const closed = await AccessHelpRequests.sendSignInLink(resident, ctx.auth.user!.id)
    if (closed === null) {
      session.flash('error', 'This resident has no email address on record, so no link was sent.')
    } else {
      await AuditLogger.record(ctx, {
        action: 'resident.sign_in_link_sent',
        organisationId: membership.organisationId,
        subjectType: 'resident',
        subjectId: resident.id,
        details: { accessHelpRequestsDone: closed },
      })
      session.flash(
        'success',
        `A sign-in link has been sent to ${resident.email}, the address on record. It works for an hour.`
      )
    }
    return response.redirect().toRoute('residents.show', { id: resident.id })
  }
}
