import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import CoordinatorSchemes from '#services/residents/coordinators/coordinator_schemes'
import SchemeJoinRequests from '#services/residents/coordinators/scheme_join_requests'
import SchemeMemberList, { MEMBER_SORTS } from '#services/residents/coordinators/scheme_member_list'
import { memberListValidator } from '#validators/residents/coordination'

/** A coordinator's schemes, and each one's members (only those who get the organisation's alerts). */
export default class CoordinatedSchemesController {
  async index({ view, membership, bouncer }: HttpContext) {
    await bouncer
      .with('SchemeCoordinationPolicy')
      .authorize('coordinate', membership.organisationId)
    const schemes = await CoordinatorSchemes.schemesOf(membership.id)
    const memberCounts: Record<number, number> = {}
    for (const scheme of schemes) {
      memberCounts[scheme.id] = await SchemeMemberList.count(scheme.id, membership.organisationId)
    }
    const pending = await SchemeJoinRequests.pendingFor(membership, 1)
    return view.render('pages/staff/coordination/schemes', {
      schemes,
      memberCounts,
      pendingRequests: pending.total,
    })
  }

  async show(ctx: HttpContext) {
    const { params, request, view, membership, bouncer } = ctx
    await bouncer
      .with('SchemeCoordinationPolicy')
      .authorize('coordinate', membership.organisationId)
    const scheme = await CoordinatorSchemes.findFor(membership, Number(params.id))
    // An edited address with a wrong value gets the whole list, as the residents' list does.
    const [invalid, valid] = await request.tryValidateUsing(memberListValidator, {
      data: request.qs(),
    })
    const filters = { q: valid?.q || undefined, sort: valid?.sort }
    const { page, rows } = await SchemeMemberList.search(scheme.id, membership.organisationId, {
      ...filters,
      page: valid?.page ?? 1,
    })
    page
      .baseUrl(`/staff/my-schemes/${scheme.id}`)
      .queryString(Object.fromEntries(Object.entries(filters).filter(([, value]) => value)))
    await AuditLogger.record(ctx, {
      action: filters.q ? 'scheme_members.searched' : 'scheme_members.listed',
      organisationId: membership.organisationId,
      subjectType: 'scheme',
      subjectId: scheme.id,
      details: filters.q ? { q: filters.q } : {},
    })
    return view.render('pages/staff/coordination/members', {
      scheme,
      members: page,
      rows,
      filters,
      sorts: MEMBER_SORTS,
      unrecognisedFilter: invalid !== null,
    })
  }
}
