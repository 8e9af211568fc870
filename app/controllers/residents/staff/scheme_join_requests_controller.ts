import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import SchemeJoinRequests, {
  JoinRequestRefusal,
} from '#services/residents/coordinators/scheme_join_requests'
import { declineRequestValidator } from '#validators/residents/coordination'

/**
 * Requests to join a scheme: a coordinator decides those for their schemes,
 * an admin those for schemes no coordinator of theirs looks after.
 */
export default class SchemeJoinRequestsController {
  async index({ request, view, membership, bouncer }: HttpContext) {
    await bouncer
      .with('SchemeCoordinationPolicy')
      .authorize('decideRequests', membership.organisationId)
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const requests = await SchemeJoinRequests.pendingFor(membership, page)
    requests.baseUrl('/staff/scheme-requests')
    return view.render('pages/staff/coordination/requests', { requests })
  }

  async show({ params, view, membership, bouncer }: HttpContext) {
    await bouncer
      .with('SchemeCoordinationPolicy')
      .authorize('decideRequests', membership.organisationId)
    const joinRequest = await SchemeJoinRequests.find(membership, Number(params.id))
    return view.render('pages/staff/coordination/request', { joinRequest })
  }

  async approve(ctx: HttpContext) {
    return this.#decide(ctx, 'approved')
  }

  async decline(ctx: HttpContext) {
    return this.#decide(ctx, 'declined')
  }

  async #decide(ctx: HttpContext, outcome: 'approved' | 'declined') {
    const { params, request, response, membership, bouncer, session, auth } = ctx
    await bouncer
      .with('SchemeCoordinationPolicy')
      .authorize('decideRequests', membership.organisationId)
    const joinRequest = await SchemeJoinRequests.find(membership, Number(params.id))
    const declined =
      outcome === 'declined' ? await request.validateUsing(declineRequestValidator) : null
    const reason = declined?.reason || null
    try {
      if (outcome === 'approved') {
        await SchemeJoinRequests.approve(joinRequest, auth.user!.id, membership.organisationId)
      } else {
        await SchemeJoinRequests.decline(
          joinRequest,
          auth.user!.id,
          membership.organisationId,
          reason
        )
      }
    } catch (error) {
      if (!(error instanceof JoinRequestRefusal)) throw error
      session.flash('error', error.message)
      return response.redirect().toPath('/staff/scheme-requests')
    }
    await AuditLogger.record(ctx, {
      action: `scheme_join_request.${outcome}`,
      organisationId: membership.organisationId,
      subjectType: 'resident',
      subjectId: joinRequest.residentId,
      details: { schemeId: joinRequest.schemeId, requestId: joinRequest.id, reason },
    })
    const who = joinRequest.resident.name
    session.flash(
      'success',
      outcome === 'approved'
        ? `${who} is now a member of ${joinRequest.scheme.name}. We have told them by email.`
        : `You declined ${who}’s request to join ${joinRequest.scheme.name}. We have told them by email.`
    )
    return response.redirect().toPath('/staff/scheme-requests')
  }
}
