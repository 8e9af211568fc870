import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/platform/user'
import AuditLogger from '#services/platform/audit/audit_logger'
import StaffInvitations from '#services/platform/staff_accounts/staff_invitations'
import StaffSignIn from '#services/platform/staff_accounts/staff_sign_in'
import InvitationJoining from '#services/platform/staff_accounts/invitation_joining'
import { newStaffAccountValidator } from '#validators/platform/staff_accounts'

/**
 * The link in an invitation email. Opening it changes nothing; the button on
 * the page accepts. Someone new chooses their name and password and then
 * sets up two-factor sign-in; someone with an account signs in and joins.
 */
export default class InvitationAcceptanceController {
  async show({ params, view, response, auth }: HttpContext) {
    const check = await StaffInvitations.check(params.token)
    response.header('Cache-Control', 'no-store')
    // The link's secret never leaves Beacon in a Referer header; forms still return to it.
    response.header('Referrer-Policy', 'same-origin')
    if (check.state !== 'ready') {
      response.status(check.state === 'invalid' ? 404 : 410)
      return view.render('pages/staff/invitations/unusable', { linkState: check.state })
    }
    const invitation = check.invitation
    const existingUser = await User.findBy('email', invitation.email)
    const signedIn = auth.user ?? null
    return view.render('pages/staff/invitations/accept', {
      invitation,
      token: params.token,
      existingUser: !!existingUser,
      signedInAs: signedIn,
      signedInAsInvitee: signedIn?.email === invitation.email,
    })
  }

  async store(ctx: HttpContext) {
    const { params, request, response, session, view, auth } = ctx
    const check = await StaffInvitations.check(params.token)
    if (check.state !== 'ready') {
      response.status(check.state === 'invalid' ? 404 : 410)
      return view.render('pages/staff/invitations/unusable', { linkState: check.state })
    }
    const invitation = check.invitation
    const existingUser = await User.findBy('email', invitation.email)

    if (auth.user) {
      if (auth.user.email !== invitation.email) {
        return response.redirect().toRoute('staff_invitations.show', { token: params.token })
      }
      await InvitationJoining.join(ctx, auth.user, params.token)
      return response.redirect().toRoute('staff.dashboard')
    }

    if (existingUser) {
      // Accepted once they have signed in with their password and a code (see InvitationJoining).
      InvitationJoining.rememberUntilSignedIn(ctx, params.token)
      session.flash('success', `Sign in to join ${invitation.organisation.name}.`)
      session.flash('email', invitation.email)
      return response.redirect().toRoute('staff.login')
    }

    const details = await request.validateUsing(newStaffAccountValidator)
    const user = await StaffInvitations.acceptAsNewUser(invitation, details)
    if (!user) {
      response.status(410)
      return view.render('pages/staff/invitations/unusable', { linkState: 'accepted' })
    }
    await AuditLogger.record(ctx, {
      action: 'staff_invitation.accepted',
      userId: user.id,
      organisationId: invitation.organisationId,
      subjectType: 'staff_invitation',
      subjectId: invitation.id,
      details: { role: invitation.role, newAccount: true },
    })
    StaffSignIn.begin(ctx, user)
    return response.redirect().toRoute('staff.two_factor.setup')
  }
}
