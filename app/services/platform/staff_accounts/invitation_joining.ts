import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/platform/user'
import AuditLogger from '#services/platform/audit/audit_logger'
import StaffInvitations from '#services/platform/staff_accounts/staff_invitations'

const INVITATION_KEY = 'staffInvitationToken'

type JoinContext = Pick<HttpContext, 'session' | 'auth' | 'request'>

/**
 * Someone who already has an account joins the organisation that invited
 * them: at once when signed in, or once they have signed in (both factors).
 */
export default class InvitationJoining {
  static rememberUntilSignedIn({ session }: Pick<HttpContext, 'session'>, token: string) {
    session.put(INVITATION_KEY, token)
  }

  static async afterSignIn(ctx: JoinContext, user: User) {
    const token = ctx.session.pull(INVITATION_KEY)
    if (typeof token === 'string') await this.join(ctx, user, token)
  }

  static async join(ctx: JoinContext, user: User, token: string) {
    const check = await StaffInvitations.check(token)
    if (
      check.state !== 'ready' ||
      check.invitation.email !== user.email ||
      !(await StaffInvitations.accept(check.invitation, user))
    ) {
      ctx.session.flash(
        'error',
        'The invitation could not be accepted: it has been used, revoked or has expired.'
      )
      return false
    }
    await AuditLogger.record(ctx, {
      action: 'staff_invitation.accepted',
      userId: user.id,
      organisationId: check.invitation.organisationId,
      subjectType: 'staff_invitation',
      subjectId: check.invitation.id,
      details: { role: check.invitation.role, newAccount: false },
    })
    ctx.session.flash('success', `You have joined ${check.invitation.organisation.name}.`)
    return true
  }
}
