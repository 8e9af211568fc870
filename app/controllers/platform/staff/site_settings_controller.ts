import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import SiteSettings from '#services/platform/site/site_settings'
import { SUGGESTED_MAP_TILES } from '#services/platform/site/map_tiles'
import { isDefaultText, type SitePage } from '#services/platform/site/site_defaults'
import { siteSettingsValidator } from '#validators/platform/site_settings'

/**
 * The install's own words, shared by every organisation: the service name,
 * contact details, and the privacy, accessibility and cookies pages. Install
 * admins only.
 */
export default class SiteSettingsController {
  async edit({ view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const stored = await SiteSettings.stored()
    return view.render('pages/staff/settings/site', {
      stored,
      suggestedTiles: SUGGESTED_MAP_TILES,
      content: await SiteSettings.current(),
      pageFields: [
        {
          field: 'privacyNotice',
          label: 'Privacy notice',
          key: 'privacy',
          storedText: stored?.privacyNotice,
        },
        {
          field: 'accessibilityStatement',
          label: 'Accessibility statement',
          key: 'accessibility',
          storedText: stored?.accessibilityStatement,
        },
        {
          field: 'cookiesPage',
          label: 'Cookies page',
          key: 'cookies',
          storedText: stored?.cookiesPage,
        },
      ],
    })
  }

  async update(ctx: HttpContext) {
    const { request, response, bouncer, session } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const payload = await request.validateUsing(siteSettingsValidator)
    const shown = await SiteSettings.current()
    // An emptied page, or the default text saved unchanged, stays the default (which follows the name).
    const ownText = (page: SitePage, text: string | undefined) =>
      text && !isDefaultText(page, text, shown.serviceName) ? text : null
    const change = {
      serviceName: payload.serviceName,
      contactEmail: payload.contactEmail?.toLowerCase() || null,
      contactPhone: payload.contactPhone || null,
      contactAddress: payload.contactAddress || null,
      privacyNotice: ownText('privacy', payload.privacyNotice),
      accessibilityStatement: ownText('accessibility', payload.accessibilityStatement),
      cookiesPage: ownText('cookies', payload.cookiesPage),
      mapTileUrl: payload.mapTileUrl || null,
      mapTileAttribution: payload.mapTileUrl ? payload.mapTileAttribution || null : null,
      welshOffered: payload.welshOffered === true,
    }
    await SiteSettings.update(change)
    await AuditLogger.record(ctx, {
      action: 'site.settings_updated',
      subjectType: 'site_settings',
      details: {
        serviceName: change.serviceName,
        contactEmail: change.contactEmail,
        contactPhone: change.contactPhone,
        pagesCustomised: {
          privacy: change.privacyNotice !== null,
          accessibility: change.accessibilityStatement !== null,
          cookies: change.cookiesPage !== null,
        },
        mapTileUrl: change.mapTileUrl,
        welshOffered: change.welshOffered,
      },
    })
    session.flash('success', 'Site settings saved. Every page shows them from now on.')
    return response.redirect().toRoute('site_settings.edit')
  }
}
