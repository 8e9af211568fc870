import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import StaffInvitations, {
  InvitationRefusedError,
} from '#services/platform/staff_accounts/staff_invitations'
import { ROLES } from '#models/platform/membership'
import { invitationValidator } from '#validators/platform/staff_accounts'

/**
 * An organisation's admins invite staff by email, send an invitation again
 * and revoke one not yet accepted.
 */
export default class InvitationsController {
  async create({ view, membership, bouncer }: HttpContext) {
    await bouncer.with('TeamPolicy').authorize('manage', membership.organisationId)
    return view.render('pages/staff/invitations/create', { roles: ROLES })
  }

  async store(ctx: HttpContext) {
    const { request, response, membership, bouncer, session, auth } = ctx
    await bouncer.with('TeamPolicy').authorize('manage', membership.organisationId)
    const { email, role } = await request.validateUsing(invitationValidator)
    try {
      const invitation = await StaffInvitations.invite(
        membership.organisation,
        auth.user!,
        email,
        role
      )
      await AuditLogger.record(ctx, {
        action: 'staff_invitation.sent',
        organisationId: membership.organisationId,
        subjectType: 'staff_invitation',
        subjectId: invitation.id,
        details: { email: invitation.email, role },
      })
      session.flash('success', `An invitation has been sent to ${invitation.email}.`)
      // A coordinator looks after the schemes chosen for them: that page comes next.
      if (role === 'coordinator') {
        return response.redirect().toPath(`/staff/team/invitations/${invitation.id}/schemes`)
      }
    } catch (error) {
      if (!(error instanceof InvitationRefusedError)) throw error
      session.flashAll()
      session.flash('inputErrorsBag', { [error.field]: [error.message] })
      return response.redirect().toRoute('invitations.create')
    }
    return response.redirect().toRoute('team.index')
  }

  async resend(ctx: HttpContext) {
    const { params, response, membership, bouncer, session, auth } = ctx
    const invitation = await StaffInvitations.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('manageInvitation', invitation)
    if (invitation.acceptedAt || invitation.revokedAt) {
      session.flash('error', `The invitation to ${invitation.email} can no longer be sent again.`)
      return response.redirect().toRoute('team.index')
    }
    await StaffInvitations.resend(invitation, membership.organisation, auth.user!)
    await AuditLogger.record(ctx, {
      action: 'staff_invitation.resent',
      organisationId: membership.organisationId,
      subjectType: 'staff_invitation',
      subjectId: invitation.id,
      details: { email: invitation.email },
    })
    session.flash(
      'success',
      `The invitation has been sent to ${invitation.email} again. The earlier link no longer works.`
    )
    return response.redirect().toRoute('team.index')
  }

  async confirmRevoke({ params, view, membership, bouncer }: HttpContext) {
    const invitation = await StaffInvitations.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('manageInvitation', invitation)
    return view.render('pages/staff/invitations/revoke', { invitation })
  }

  async revoke(ctx: HttpContext) {
    const { params, response, membership, bouncer, session } = ctx
    const invitation = await StaffInvitations.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('manageInvitation', invitation)
    if (await StaffInvitations.revoke(invitation)) {
      await AuditLogger.record(ctx, {
        action: 'staff_invitation.revoked',
        organisationId: membership.organisationId,
        subjectType: 'staff_invitation',
        subjectId: invitation.id,
        details: { email: invitation.email },
      })
      session.flash('success', `The invitation to ${invitation.email} has been revoked.`)
    } else {
      session.flash('error', `The invitation to ${invitation.email} can no longer be revoked.`)
    }
    return response.redirect().toRoute('team.index')
  }
}
