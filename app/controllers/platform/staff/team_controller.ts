import type { HttpContext } from '@adonisjs/core/http'
import { ROLES } from '#models/platform/membership'
import AuditLogger from '#services/platform/audit/audit_logger'
import StaffInvitations from '#services/platform/staff_accounts/staff_invitations'
import TeamMembership, { LastAdminError } from '#services/platform/staff_accounts/team_membership'
import { roleValidator } from '#validators/platform/staff_accounts'

/**
 * Team: an organisation's admins see its staff and pending invitations,
 * change a member's role and remove a member.
 */
export default class TeamController {
  async index({ request, view, membership, bouncer }: HttpContext) {
    await bouncer.with('TeamPolicy').authorize('manage', membership.organisationId)
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const members = await TeamMembership.list(membership.organisationId, page)
    members.baseUrl('/staff/team')
    const invitations = await StaffInvitations.open(membership.organisationId)
      .preload('invitedBy')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
    const resetOnlyByInstallAdmin = Object.fromEntries(
      members.all().map((member) => [member.id, TeamMembership.reachBeyond(member)])
    )
    return view.render('pages/staff/team/index', { members, invitations, resetOnlyByInstallAdmin })
  }

  async editRole({ params, view, membership, bouncer }: HttpContext) {
    const member = await TeamMembership.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('changeMember', member)
    return view.render('pages/staff/team/role', { member, roles: ROLES })
  }

  async updateRole(ctx: HttpContext) {
    const { params, request, response, membership, bouncer, session } = ctx
    const member = await TeamMembership.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('changeMember', member)
    const { role } = await request.validateUsing(roleValidator)
    const previous = member.role
    try {
      if (await TeamMembership.changeRole(member, role)) {
        await AuditLogger.record(ctx, {
          action: 'membership.role_changed',
          organisationId: membership.organisationId,
          subjectType: 'user',
          subjectId: member.userId,
          details: { from: previous, to: role },
        })
      }
    } catch (error) {
      if (!(error instanceof LastAdminError)) throw error
      session.flash('inputErrorsBag', { role: [this.#lastAdmin(ctx, member.userId)] })
      return response.redirect().toRoute('team.edit_role', { id: member.id })
    }
    session.flash('success', `${member.user.fullName}’s role is now ${role}.`)
    // A coordinator looks after nothing until given their schemes: that page comes next.
    if (role === 'coordinator') {
      return response.redirect().toPath(`/staff/team/members/${member.id}/schemes`)
    }
    return response.redirect().toRoute('team.index')
  }

  async confirmRemove({ params, view, membership, bouncer }: HttpContext) {
    const member = await TeamMembership.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('changeMember', member)
    return view.render('pages/staff/team/remove', { member })
  }

  async remove(ctx: HttpContext) {
    const { params, response, membership, bouncer, session, auth } = ctx
    const member = await TeamMembership.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('changeMember', member)
    try {
      await TeamMembership.remove(member)
    } catch (error) {
      if (!(error instanceof LastAdminError)) throw error
      session.flash('error', this.#lastAdmin(ctx, member.userId))
      return response.redirect().toRoute('team.confirm_remove', { id: member.id })
    }
    await AuditLogger.record(ctx, {
      action: 'membership.removed',
      organisationId: membership.organisationId,
      subjectType: 'user',
      subjectId: member.userId,
      details: { role: member.role, email: member.user.email },
    })
    session.flash(
      'success',
      `${member.user.fullName} has been removed from ${membership.organisation.name}.`
    )
    if (member.userId === auth.user!.id) return response.redirect().toRoute('staff.dashboard')
    return response.redirect().toRoute('team.index')
  }

  #lastAdmin({ auth, membership }: HttpContext, userId: number) {
    return userId === auth.user!.id
      ? `You are the only admin of ${membership.organisation.name}. Make someone else an admin first`
      : `This is the only admin of ${membership.organisation.name}. Make someone else an admin first`
  }
}
