import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import TeamMembership from '#services/platform/staff_accounts/team_membership'
import TwoFactor from '#services/platform/staff_accounts/two_factor'
import TwoFactorReset from '#services/platform/staff_accounts/two_factor_reset'

/**
 * An admin resets a team member's two-factor sign-in, when the member has
 * lost their phone and their recovery codes. Never their own: another admin
 * does that.
 */
export default class TwoFactorResetsController {
  async confirm({ params, view, membership, bouncer }: HttpContext) {
    const member = await TeamMembership.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('resetTwoFactor', member)
    return view.render('pages/staff/team/reset_two_factor', {
      member,
      enrolled: TwoFactor.isEnrolled(member.user),
    })
  }

  async store(ctx: HttpContext) {
    const { params, response, membership, bouncer, session, auth } = ctx
    const member = await TeamMembership.find(membership.organisationId, params.id)
    await bouncer.with('TeamPolicy').authorize('resetTwoFactor', member)
    const { hadTwoFactor, sessionsEnded } = await TwoFactorReset.reset(
      member.user,
      TwoFactorReset.byAdmin(auth.user!, membership.organisation)
    )
    await AuditLogger.record(ctx, {
      action: 'staff.two_factor_reset',
      organisationId: membership.organisationId,
      subjectType: 'user',
      subjectId: member.userId,
      details: { email: member.user.email, hadTwoFactor, sessionsEnded },
    })
    session.flash(
      'success',
      `Two-factor sign-in for ${member.user.fullName} has been reset. They will set up an authenticator app the next time they sign in. We have emailed ${member.user.email} to tell them.`
    )
    return response.redirect().toRoute('team.index')
  }
}
