import type { HttpContext } from '@adonisjs/core/http'
import Organisation from '#models/platform/organisation'
import AuditLogger from '#services/platform/audit/audit_logger'
import OrganisationBranding, {
  DEFAULT_BRAND_COLOUR,
  logoPath,
  logoTypeOf,
} from '#services/platform/organisations/organisation_branding'
import { readUploadedForm } from '#services/platform/infrastructure/uploaded_form'
import { brandingValidator, LOGO_UPLOAD } from '#validators/platform/branding'

/**
 * An organisation's branding: the sender name, colour, footer and logo its
 * alerts carry. Its admins set it at /staff/settings/branding; an install
 * admin sets any organisation's from Settings → Organisations
 * (/staff/settings/organisations/:id/branding).
 */
export default class BrandingController {
  async edit(ctx: HttpContext) {
    const { view } = ctx
    const { organisation, path } = await this.#target(ctx)
    return view.render('pages/staff/settings/branding', {
      organisation,
      formAction: path,
      backUrl: ctx.params.id ? `/staff/settings/organisations/${organisation.id}` : null,
      defaultColour: DEFAULT_BRAND_COLOUR,
      logoUrl: organisation.logoFile ? logoPath(organisation.logoFile) : null,
    })
  }

  async update(ctx: HttpContext) {
    const { request, response, session } = ctx
    const { organisation, path } = await this.#target(ctx)
    await readUploadedForm(ctx, LOGO_UPLOAD)
    const payload = await request.validateUsing(brandingValidator)
    const logo = payload.logo?.tmpPath
      ? { path: payload.logo.tmpPath, type: (await logoTypeOf(payload.logo.tmpPath))! }
      : undefined
    await OrganisationBranding.update(organisation, {
      senderName: payload.senderName || null,
      brandColour: payload.brandColour?.toLowerCase() || null,
      emailFooter: payload.emailFooter || null,
      logo,
      removeLogo: payload.removeLogo ?? false,
    })
    await AuditLogger.record(ctx, {
      action: 'organisation.branding_updated',
      organisationId: organisation.id,
      subjectType: 'organisation',
      subjectId: organisation.id,
      details: {
        senderName: organisation.senderName,
        brandColour: organisation.brandColour,
        emailFooter: organisation.emailFooter,
        logo: logo ? 'replaced' : payload.removeLogo ? 'removed' : 'unchanged',
      },
    })
    session.flash('success', 'Branding saved. Alerts sent from now on carry it.')
    return response.redirect().toPath(path)
  }

  /** The organisation named in the address (install admins only), or the one the admin works for. */
  async #target({ params, membership, bouncer }: HttpContext) {
    if (params.id) {
      await bouncer.with('InstallPolicy').authorize('manage')
      const organisation = await Organisation.findOrFail(params.id)
      return { organisation, path: `/staff/settings/organisations/${organisation.id}/branding` }
    }
    await bouncer.with('SettingsPolicy').authorize('manage', membership.organisationId)
    const organisation = await Organisation.findOrFail(membership.organisationId)
    return { organisation, path: '/staff/settings/branding' }
  }

  /** Logos are public: residents' mail clients load them from the alerts. */
  async logo({ params, response }: HttpContext) {
    const bytes = await OrganisationBranding.readLogo(params.file)
    if (!bytes) return response.notFound('Not found')
    response.type(params.file.endsWith('.png') ? 'image/png' : 'image/jpeg')
    // Each logo has a new random name, so a copy may be kept for good.
    response.header('Cache-Control', 'public, max-age=31536000, immutable')
    response.header('Content-Security-Policy', "default-src 'none'")
    return response.send(bytes)
  }
}
