import type { HttpContext } from '@adonisjs/core/http'
import pluginHost from '#services/platform/plugins/plugin_host'
import { pluginPage, pluginRow } from '#services/platform/plugins/plugin_settings_page'

/**
 * Settings → Plugins: every installed plugin and its state, and each
 * plugin's page with its switches and settings forms. Install admins see the
 * install-wide part; organisation admins their organisation's part.
 */
export default class PluginsController {
  async index({ view, bouncer, membership }: HttpContext) {
    await bouncer.with('PluginPolicy').authorize('view', membership.organisationId)
    const plugins = pluginHost
      .list()
      .map(({ manifest }) => pluginRow(manifest, membership.organisationId))
    return view.render('pages/staff/plugins/index', { plugins })
  }

  async show({ view, bouncer, membership, params, response, session, auth }: HttpContext) {
    const organisationId = membership.organisationId
    await bouncer.with('PluginPolicy').authorize('view', organisationId)
    const manifest = pluginHost.get(params.id)
    if (!manifest) return response.notFound('Not found')
    const policy = bouncer.with('PluginPolicy')
    const page = await pluginPage(
      manifest,
      organisationId,
      {
        manageInstall: await policy.allows('manageInstall'),
        manageOrganisation: await policy.allows('manageOrganisation', organisationId),
        switchForOrganisation: await policy.allows(
          'switchForOrganisation',
          organisationId,
          manifest.settings?.organisationsMayEnable === true
        ),
      },
      {
        level: session.flashMessages.get('settingsLevel') ?? null,
        old: (name) => session.flashMessages.get('pluginSettingsTyped', {})[name],
      }
    )
    return view.render('pages/staff/plugins/show', {
      plugin: page,
      isInstallAdmin: auth.user!.isInstallAdmin,
      check: session.flashMessages.get('pluginCheck') ?? null,
    })
  }
}
