import encryption from '@adonisjs/core/services/encryption'
import logger from '@adonisjs/core/services/logger'
import PluginState from '#models/platform/plugin_state'
import PluginOrganisation from '#models/platform/plugin_organisation'
import type { SettingsValues } from '#contracts/settings'

/** Install-wide settings, or one organisation's. */
export type SettingsOwner = { organisationId: number } | 'install'

const keyOf = (pluginId: string, owner: SettingsOwner) =>
  owner === 'install' ? `${pluginId}:install` : `${pluginId}:${owner.organisationId}`

/**
 * Plugins' settings, stored as encrypted JSON (APP_KEY) in plugins.settings
 * (install-wide) and plugin_organisations.settings (per organisation), and
 * kept decrypted in memory until a change anywhere says otherwise.
 */
export class PluginSettingsStore {
  #cache = new Map<string, SettingsValues>()
  /** Bumped by every change, so a read that began before one is not cached. */
  #generation = 0

  async read(pluginId: string, owner: SettingsOwner): Promise<SettingsValues> {
    const key = keyOf(pluginId, owner)
    const cached = this.#cache.get(key)
    if (cached) return structuredClone(cached)
    const generation = this.#generation
    const values = this.#decrypt(pluginId, await this.#column(pluginId, owner))
    if (generation === this.#generation) this.#cache.set(key, values)
    return structuredClone(values)
  }

  async write(pluginId: string, owner: SettingsOwner, values: SettingsValues) {
    const settings = encryption.encrypt(JSON.stringify(values))
    if (owner === 'install') {
      await PluginState.updateOrCreate({ id: pluginId }, { settings })
    } else {
      await PluginOrganisation.updateOrCreate(
        { pluginId, organisationId: owner.organisationId },
        { settings }
      )
    }
    this.forget(pluginId)
  }

  /** Drops what this process remembers of a plugin's settings (all of them without an id). */
  forget(pluginId?: string) {
    this.#generation++
    if (!pluginId) return this.#cache.clear()
    for (const key of this.#cache.keys()) {
      if (key.startsWith(`${pluginId}:`)) this.#cache.delete(key)
    }
  }

  async #column(pluginId: string, owner: SettingsOwner) {
    if (owner === 'install') {
      const state = await PluginState.find(pluginId)
      return state?.settings ?? null
    }
    const row = await PluginOrganisation.query()
      .where('plugin_id', pluginId)
      .where('organisation_id', owner.organisationId)
      .first()
    return row?.settings ?? null
  }

  #decrypt(pluginId: string, stored: string | null): SettingsValues {
    if (!stored) return {}
    const json = encryption.decrypt<string>(stored)
    if (typeof json !== 'string') {
      // Another APP_KEY: the values cannot be read, and staff must enter them again.
      logger.warn(`the settings of plugin "${pluginId}" cannot be decrypted with this APP_KEY`)
      return {}
    }
    return JSON.parse(json) as SettingsValues
  }
}

const pluginSettingsStore = new PluginSettingsStore()
export default pluginSettingsStore
