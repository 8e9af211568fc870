import type { HttpContext } from '@adonisjs/core/http'
import Organisation, { ORGANISATION_TYPES } from '#models/platform/organisation'
import OrganisationDirectory from '#services/platform/organisations/organisation_directory'
import OrganisationRegistry from '#services/platform/organisations/organisation_registry'
import {
  newOrganisationValidator,
  organisationDetailsValidator,
} from '#validators/platform/organisation'

/**
 * Settings → Organisations: install admins list, create and edit the
 * organisations sharing the install. Suspension and the first admin's
 * invitation have controllers of their own.
 */
export default class OrganisationsController {
  async index({ request, view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const listing = OrganisationDirectory.listing(request.qs())
    return view.render('pages/staff/organisations/index', {
      organisations: await OrganisationDirectory.list(listing),
      listing,
      headings: OrganisationDirectory.headings(listing),
      total: await OrganisationDirectory.count(),
      types: ORGANISATION_TYPES,
    })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    return view.render('pages/staff/organisations/create', { types: ORGANISATION_TYPES })
  }

  async store(ctx: HttpContext) {
    const { request, response, bouncer, session, auth } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const payload = await request.validateUsing(newOrganisationValidator, { meta: {} })
    const { organisation, invitation } = await OrganisationRegistry.create(payload, {
      user: auth.user!,
      ip: request.ip(),
    })
    session.flash(
      'success',
      invitation
        ? `${organisation.name} has been created. An invitation to be its admin has been sent to ${invitation.email}.`
        : `${organisation.name} has been created. Invite its first admin next.`
    )
    return response.redirect().toRoute('organisations.edit', { id: organisation.id })
  }

  async edit({ params, view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const organisation = await Organisation.findOrFail(params.id)
    return view.render('pages/staff/organisations/edit', {
      organisation,
      types: ORGANISATION_TYPES,
    })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, bouncer, session, auth } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const organisation = await Organisation.findOrFail(params.id)
    const details = await request.validateUsing(organisationDetailsValidator, {
      meta: { organisationId: organisation.id },
    })
    const changed = await OrganisationRegistry.update(organisation, details, {
      user: auth.user!,
      ip: request.ip(),
    })
    session.flash(
      'success',
      changed ? `${organisation.name} has been saved.` : 'Nothing was changed.'
    )
    return response.redirect().toRoute('organisations.edit', { id: organisation.id })
  }
}
