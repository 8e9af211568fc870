import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import StaffInvitations from '#services/platform/staff_accounts/staff_invitations'
import TeamMembership from '#services/platform/staff_accounts/team_membership'
import CoordinatorSchemes, {
  UnknownSchemeError,
} from '#services/residents/coordinators/coordinator_schemes'
import { coordinatorSchemesValidator } from '#validators/residents/coordination'

/**
 * Team → a coordinator's schemes: the organisation's admins choose which
 * schemes a coordinator looks after, or will once they accept their invitation.
 */
export default class CoordinatorAssignmentsController {
  async edit({ params, view, membership, bouncer }: HttpContext) {
    const member = await TeamMembership.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('changeMember', member)
    return view.render('pages/staff/team/schemes', {
      who: member.user.fullName,
      action: `/staff/team/members/${member.id}/schemes`,
      isCoordinator: member.role === 'coordinator',
      roleUrl: `/staff/team/members/${member.id}/role`,
      invited: false,
      schemes: await CoordinatorSchemes.assignable(),
      chosen: await CoordinatorSchemes.schemeIdsOf(member.id),
    })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, membership, bouncer, session } = ctx
    const member = await TeamMembership.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('changeMember', member)
    const back = `/staff/team/members/${member.id}/schemes`
    if (member.role !== 'coordinator') {
      session.flash(
        'error',
        `${member.user.fullName} is not a coordinator. Change their role first.`
      )
      return response.redirect().toPath(back)
    }
    const { schemeIds } = await request.validateUsing(coordinatorSchemesValidator)
    let change: { added: number[]; removed: number[] }
    try {
      change = await CoordinatorSchemes.set(member.id, schemeIds ?? [])
    } catch (error) {
      if (!(error instanceof UnknownSchemeError)) throw error
      session.flash('inputErrorsBag', { schemeIds: [error.message] })
      return response.redirect().toPath(back)
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

  async editInvitation({ params, view, membership, bouncer }: HttpContext) {
    const invitation = await StaffInvitations.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('manageInvitation', invitation)
    return view.render('pages/staff/team/schemes', {
      who: invitation.email,
      action: `/staff/team/invitations/${invitation.id}/schemes`,
      isCoordinator: invitation.role === 'coordinator' && !invitation.acceptedAt,
      roleUrl: null,
      invited: true,
      schemes: await CoordinatorSchemes.assignable(),
      chosen: invitation.coordinatorSchemeIds ?? [],
    })
  }

  async updateInvitation(ctx: HttpContext) {
    const { params, request, response, membership, bouncer, session } = ctx
    const invitation = await StaffInvitations.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('manageInvitation', invitation)
    const back = `/staff/team/invitations/${invitation.id}/schemes`
    if (invitation.role !== 'coordinator' || invitation.acceptedAt || invitation.revokedAt) {
      session.flash(
        'error',
        `The invitation to ${invitation.email} is not one to be a coordinator.`
      )
      return response.redirect().toPath(back)
    }
    const { schemeIds } = await request.validateUsing(coordinatorSchemesValidator)
    try {
      invitation.coordinatorSchemeIds = await CoordinatorSchemes.checked(schemeIds ?? [])
    } catch (error) {
      if (!(error instanceof UnknownSchemeError)) throw error
      session.flash('inputErrorsBag', { schemeIds: [error.message] })
      return response.redirect().toPath(back)
    }
    await invitation.save()
    await AuditLogger.record(ctx, {
      action: 'staff_invitation.schemes_chosen',
      organisationId: membership.organisationId,
      subjectType: 'staff_invitation',
      subjectId: invitation.id,
      details: { schemeIds: invitation.coordinatorSchemeIds },
    })
    session.flash(
      'success',
      `${invitation.email} will coordinate the schemes you chose once they accept.`
    )
    return response.redirect().toRoute('team.index')
  }
}
