import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import Organisation from '#models/platform/organisation'
import pluginHost from '#services/platform/plugins/plugin_host'
import AuditLogger from '#services/platform/audit/audit_logger'

const switchValidator = vine.create({ enabled: vine.boolean() })

/**
 * Switching a plugin on or off: install-wide (install admins), or for the
 * organisation the member works for (a plugin of scope "organisation").
 * Switching off asks first, on a page of its own so that it works without
 * JavaScript. Every process follows within a second (plugin_sync).
 */
export default class PluginSwitchesController {
  async confirmInstall({ params, response, bouncer, view }: HttpContext) {
    await bouncer.with('PluginPolicy').authorize('manageInstall')
    const plugin = pluginHost.get(params.id)
    if (!plugin) return response.notFound('Not found')
    return view.render('pages/staff/plugins/disable', {
      plugin,
      action: `/staff/settings/plugins/${plugin.id}`,
      where: 'for every organisation on this install',
    })
  }

  async updateInstall(ctx: HttpContext) {
    const { params, request, response, bouncer, session } = ctx
    await bouncer.with('PluginPolicy').authorize('manageInstall')
    const plugin = pluginHost.get(params.id)
    if (!plugin) return response.notFound('Not found')
    const { enabled } = await request.validateUsing(switchValidator)
    await pluginHost.setEnabled(plugin.id, enabled)
    await AuditLogger.record(ctx, {
      action: enabled ? 'plugin.enabled' : 'plugin.disabled',
      details: { plugin: plugin.id },
    })
    session.flash('success', `${plugin.name} is now ${enabled ? 'enabled' : 'disabled'}.`)
    return response.redirect().toPath(`/staff/settings/plugins/${plugin.id}`)
  }

  async confirmOrganisation(ctx: HttpContext) {
    const { plugin, organisation } = await this.#organisationTarget(ctx)
    if (!plugin) return ctx.response.notFound('Not found')
    return ctx.view.render('pages/staff/plugins/disable', {
      plugin,
      action: `/staff/settings/plugins/${plugin.id}/organisation`,
      where: `for ${organisation.name}`,
    })
  }

  async updateOrganisation(ctx: HttpContext) {
    const { request, response, session } = ctx
    const { plugin, organisation } = await this.#organisationTarget(ctx)
    if (!plugin) return response.notFound('Not found')
    const { enabled } = await request.validateUsing(switchValidator)
    await pluginHost.setEnabledFor(plugin.id, organisation.id, enabled)
    await AuditLogger.record(ctx, {
      action: enabled ? 'plugin.organisation_enabled' : 'plugin.organisation_disabled',
      organisationId: organisation.id,
      subjectType: 'organisation',
      subjectId: organisation.id,
      details: { plugin: plugin.id },
    })
    const note =
      enabled && !pluginHost.isEnabled(plugin.id)
        ? ' It starts working once an install admin enables it for the install.'
        : ''
    session.flash(
      'success',
      `${plugin.name} is now ${enabled ? 'enabled' : 'disabled'} for ${organisation.name}.${note}`
    )
    return response.redirect().toPath(`/staff/settings/plugins/${plugin.id}`)
  }

  /** Always the organisation the member works for: never one named in the request. */
  async #organisationTarget({ params, bouncer, membership }: HttpContext) {
    const plugin = pluginHost.get(params.id)
    const perOrganisation = plugin?.settings?.scope === 'organisation'
    await bouncer
      .with('PluginPolicy')
      .authorize(
        'switchForOrganisation',
        membership.organisationId,
        plugin?.settings?.organisationsMayEnable === true
      )
    const organisation = await Organisation.findOrFail(membership.organisationId)
    return { plugin: perOrganisation ? plugin : undefined, organisation }
  }
}
