import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import TeamMembership from '#services/platform/staff_accounts/team_membership'
import CoordinatorSchemes, {
  UnknownSchemeError,
} from '#services/residents/coordinators/coordinator_schemes'
import { coordinatorSchemesValidator } from '#validators/residents/coordination'

/** Team → a coordinator's schemes: the organisation's admins choose which schemes they look after. */
export default class CoordinatorAssignmentsController {
  async edit({ params, view, membership, bouncer }: HttpContext) {
    const member = await TeamMembership.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('changeMember', member)
    return view.render('pages/staff/team/schemes', {
      member,
      schemes: await CoordinatorSchemes.assignable(),
      chosen: await CoordinatorSchemes.schemeIdsOf(member.id),
    })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, membership, bouncer, session } = ctx
    const member = await TeamMembership.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('changeMember', member)
    if (member.role !== 'coordinator') {
      session.flash(
        'error',
        `${member.user.fullName} is not a coordinator. Change their role first.`
      )
      return response.redirect().toPath(`/staff/team/members/${member.id}/schemes`)
    }
    const { schemeIds } = await request.validateUsing(coordinatorSchemesValidator)
    let change: { added: number[]; removed: number[] }
    try {
      change = await CoordinatorSchemes.set(member.id, schemeIds ?? [])
    } catch (error) {
      if (!(error instanceof UnknownSchemeError)) throw error
      session.flash('inputErrorsBag', { schemeIds: [error.message] })
      return response.redirect().toPath(`/staff/team/members/${member.id}/schemes`)
    }
    if (change.added.length || change.removed.length) {
      await AuditLogger.record(ctx, {
        action: 'membership.schemes_changed',
        organisationId: membership.organisationId,
        subjectType: 'user',
        subjectId: member.userId,
        details: change,
      })
    }
    session.flash('success', `${member.user.fullName}’s schemes have been saved.`)
    return response.redirect().toRoute('team.index')
  }
}
