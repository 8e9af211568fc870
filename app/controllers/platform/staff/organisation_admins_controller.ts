import type { HttpContext } from '@adonisjs/core/http'
import Organisation from '#models/platform/organisation'
import OrganisationRegistry from '#services/platform/organisations/organisation_registry'
import StaffInvitations, {
  InvitationRefusedError,
} from '#services/platform/staff_accounts/staff_invitations'
import { adminInvitationValidator } from '#validators/platform/organisation'

/**
 * An install admin invites an organisation's admin by email: its first, or
 * another when its only admin has left.
 */
export default class OrganisationAdminsController {
  async create({ params, view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const organisation = await Organisation.findOrFail(params.id)
    const pending = await StaffInvitations.open(organisation.id).orderBy('id')
    return view.render('pages/staff/organisations/invite', { organisation, pending })
  }

  async store(ctx: HttpContext) {
    const { params, request, response, bouncer, session, auth } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const organisation = await Organisation.findOrFail(params.id)
    const { email } = await request.validateUsing(adminInvitationValidator)
    try {
      await OrganisationRegistry.inviteAdmin(organisation, email, {
        user: auth.user!,
        ip: request.ip(),
      })
    } catch (error) {
      if (!(error instanceof InvitationRefusedError)) throw error
      session.flashAll()
      session.flash('inputErrorsBag', { [error.field]: [error.message] })
      return response.redirect().toRoute('organisations.invite', { id: organisation.id })
    }
    session.flash(
      'success',
      `An invitation to be an admin of ${organisation.name} has been sent to ${email.trim().toLowerCase()}.`
    )
    return response.redirect().toRoute('organisations.edit', { id: organisation.id })
  }
}
