import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import pluginHost from '#services/platform/plugin_host'
import AuditLogger from '#services/platform/audit/audit_logger'

const toggleValidator = vine.create({ enabled: vine.boolean() })

export default class PluginsController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    return view.render('pages/staff/plugins/index', { plugins: pluginHost.list() })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, bouncer, session } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const plugin = pluginHost.get(params.id)
    if (!plugin) return response.notFound()
    const { enabled } = await request.validateUsing(toggleValidator)
    await pluginHost.setEnabled(plugin.id, enabled)
    await AuditLogger.record(ctx, {
      action: enabled ? 'plugin.enabled' : 'plugin.disabled',
      details: { plugin: plugin.id },
    })
    session.flash('success', `${plugin.name} is now ${enabled ? 'enabled' : 'disabled'}.`)
    return response.redirect().toRoute('plugins.index')
  }
}
