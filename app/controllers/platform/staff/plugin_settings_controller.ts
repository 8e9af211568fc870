import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@vinejs/vine'
import pluginHost from '#services/platform/plugins/plugin_host'
import AuditLogger from '#services/platform/audit/audit_logger'
import PluginSettingsChanges, {
  type SettingsTarget,
} from '#services/platform/plugins/plugin_settings_changes'
import {
  settingsFormOf,
  type SettingsLevel,
} from '#services/platform/plugins/plugin_settings_declaration'

/**
 * A plugin's settings form: "Save settings" validates and stores them
 * (encrypted); "Test connection" runs the plugin's check with what was typed
 * and shows its answer. Secrets typed into the form never come back to the
 * browser, not even in the answers kept for a refused form.
 */
export default class PluginSettingsController {
  updateInstall(ctx: HttpContext) {
    return this.#submit(ctx, 'install')
  }

  updateOrganisation(ctx: HttpContext) {
    return this.#submit(ctx, 'organisation')
  }

  async #submit(ctx: HttpContext, level: SettingsLevel) {
    const { params, request, response, session, bouncer, membership } = ctx
    const plugin = pluginHost.get(params.id)
    const form = plugin ? settingsFormOf(plugin, level) : null
    const policy = bouncer.with('PluginPolicy')
    if (level === 'install') await policy.authorize('manageInstall')
    else await policy.authorize('manageOrganisation', membership.organisationId)
    if (!plugin || !form) return response.notFound('Not found')

    const organisationId = level === 'organisation' ? membership.organisationId : null
    const target: SettingsTarget = {
      plugin,
      form,
      owner: organisationId === null ? 'install' : { organisationId },
    }
    const body = request.all()
    // Kept under keys of their own: a plugin's field may be called anything ("success"…).
    const keepTyped = () => {
      const typed = Object.fromEntries(
        form.fields
          .filter((field) => field.type !== 'secret')
          .map((field) => [field.name, body[field.name] ?? null])
      )
      session.flash('pluginSettingsTyped', typed)
      session.flash('settingsLevel', level)
    }
    const back = `/staff/settings/plugins/${plugin.id}#${level}-settings`
    try {
      if (body._intent === 'check') {
        const answer = await PluginSettingsChanges.check(target, body)
        keepTyped()
        const secretsTyped = form.fields.some(
          (field) => field.type === 'secret' && String(body[field.name] ?? '').trim() !== ''
        )
        session.flash('pluginCheck', { level, secretsTyped, ...answer })
        return response.redirect().toPath(back)
      }
      const summary = await PluginSettingsChanges.save(target, body)
      await AuditLogger.record(ctx, {
        action: 'plugin.settings_updated',
        organisationId,
        subjectType: organisationId === null ? undefined : 'organisation',
        subjectId: organisationId ?? undefined,
        details: { plugin: plugin.id, level, ...summary },
      })
      session.flash('success', `${plugin.name}: settings saved. They apply from now on.`)
      return response.redirect().toPath(back)
    } catch (error) {
      if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
      session.flashValidationErrors(error, false)
      keepTyped()
      return response.redirect().toPath(back)
    }
  }
}
