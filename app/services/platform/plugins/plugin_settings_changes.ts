import logger from '@adonisjs/core/services/logger'
import PublicPageCache from '#services/platform/infrastructure/public_page_cache'
import type { PluginManifest } from '#contracts/plugin'
import type { SettingsCheckResult, SettingsForm, SettingsValues } from '#contracts/settings'
import pluginHost from '#services/platform/plugins/plugin_host'
import pluginSettingsStore, {
  type SettingsOwner,
} from '#services/platform/plugins/plugin_settings_store'
import {
  ensureGeneratedSettings,
  generatedPart,
} from '#services/platform/plugins/plugin_generated_settings'
import {
  settingsMessages,
  submittedSettings,
  type SecretChange,
} from '#services/platform/plugins/plugin_settings_form'

/** How long "Test connection" waits for the plugin's answer. */
const CHECK_TIMEOUT_MS = 15_000

export interface SettingsTarget {
  plugin: PluginManifest
  form: SettingsForm
  owner: SettingsOwner
}

/** What an audit entry says of a change: which fields changed, never a secret's value. */
export interface SettingsChangeSummary {
  changed: string[]
  secrets: Record<string, Exclude<SecretChange, 'kept' | 'not set'>>
}

/**
 * Saving and checking a plugin's settings from its form in Settings →
 * Plugins. Both validate with the plugin's validator first (a refusal is a
 * VineJS validation error, shown on the form).
 */
export default class PluginSettingsChanges {
  static async save(target: SettingsTarget, body: Record<string, unknown>) {
    const { plugin, form, owner } = target
    const saved = await pluginSettingsStore.read(plugin.id, owner)
    const { values, secrets } = await this.#validate(target, body, saved)
    // Generated values (a key pair) are not on the form: a save keeps them.
    const generated = owner === 'install' ? generatedPart(plugin, saved) : {}
    await pluginSettingsStore.write(plugin.id, owner, { ...values, ...generated })
    if (owner === 'install' && pluginHost.isEnabled(plugin.id)) {
      await ensureGeneratedSettings(plugin)
    }
    pluginHost.changed(plugin.id)
    // A plugin may add to the public alert page (its slot), so those pages are rendered again.
    await PublicPageCache.invalidate()
    return this.#summary(form, saved, values, secrets)
  }

  /** Runs the plugin's check with the submitted values; secrets left blank are the saved ones. */
  static async check(
    target: SettingsTarget,
    body: Record<string, unknown>
  ): Promise<SettingsCheckResult> {
    const { plugin, form, owner } = target
    if (!form.check) return { ok: false, message: 'This plugin has no connection to test.' }
    const saved = await pluginSettingsStore.read(plugin.id, owner)
    const { values } = await this.#validate(target, body, saved)
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<SettingsCheckResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, message: 'No answer came within 15 seconds.' }),
        CHECK_TIMEOUT_MS
      )
    })
    try {
      const answer = await Promise.race([Promise.resolve(form.check(values)), timeout])
      return typeof answer?.message === 'string' && typeof answer.ok === 'boolean'
        ? { ok: answer.ok, message: answer.message }
        : { ok: false, message: 'The plugin gave no answer.' }
    } catch (error) {
      logger.warn({ err: error, plugin: plugin.id }, 'plugin settings check failed')
      return { ok: false, message: 'The test failed with an error; the log has the details.' }
    } finally {
      clearTimeout(timer)
    }
  }

  static async #validate(
    { form }: SettingsTarget,
    body: Record<string, unknown>,
    saved: SettingsValues
  ) {
    const { input, secrets } = submittedSettings(form, body, saved)
    const values = (await form.validator.validate(input, {
      messagesProvider: settingsMessages(form),
    })) as SettingsValues
    return { values, secrets }
  }

  static #summary(
    form: SettingsForm,
    before: SettingsValues,
    after: SettingsValues,
    secrets: Record<string, SecretChange>
  ): SettingsChangeSummary {
    const changed: string[] = []
    const secretChanges: SettingsChangeSummary['secrets'] = {}
    for (const field of form.fields) {
      if (field.type === 'secret') {
        const change = secrets[field.name]
        if (change === 'replaced' || change === 'cleared') secretChanges[field.name] = change
      } else if (JSON.stringify(before[field.name]) !== JSON.stringify(after[field.name])) {
        changed.push(field.name)
      }
    }
    return { changed, secrets: secretChanges }
  }
}
