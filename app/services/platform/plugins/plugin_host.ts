import { readdir, access } from 'node:fs/promises'
import PublicPageCache from '#services/platform/infrastructure/public_page_cache'
import { basename } from 'node:path'
import { pathToFileURL } from 'node:url'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import logger from '@adonisjs/core/services/logger'
import edge from 'edge.js'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type Membership from '#models/platform/membership'
import channelRegistry from '#services/platform/plugins/channel_registry'
import alertHookRegistry from '#services/platform/plugins/alert_hook_registry'
import pluginCoreServices from '#services/platform/plugins/plugin_core_services'
import organisationChannelRegistry from '#services/platform/plugins/organisation_channel_registry'
import type { PluginManifest } from '#contracts/plugin'
import { PluginSwitches } from '#services/platform/plugins/plugin_switches'
import pluginSettingsStore from '#services/platform/plugins/plugin_settings_store'
import { pluginSettingsReader } from '#services/platform/plugins/plugin_settings_reader'
import { checkSettingsDeclaration } from '#services/platform/plugins/plugin_settings_declaration'
import pluginStaffPages from '#services/platform/plugins/plugin_staff_pages'
import pluginResidentPages from '#services/platform/plugins/plugin_resident_pages'
import pluginSlots from '#services/platform/plugins/plugin_slots'
import pluginWebhooks from '#services/platform/plugins/plugin_webhooks'
import pluginSchedules from '#services/platform/plugins/plugin_schedules'
import pluginPrivacy from '#services/platform/plugins/plugin_privacy'
import coreChecks from '#services/platform/plugins/core_checks'
import residentLanguageOffers from '#services/platform/plugins/resident_language_offers'
import verificationDeliverers from '#services/platform/plugins/verification_deliverers'
import { listenForPlugin } from '#services/platform/plugins/plugin_events'
import { unprefixedPluginTables } from '#services/platform/plugins/plugin_table_prefix'
import { ensureGeneratedSettings } from '#services/platform/plugins/plugin_generated_settings'

const PLUGIN_ID = /^[a-z0-9][a-z0-9-]{0,59}$/

export interface InstalledPlugin {
  manifest: PluginManifest
  enabled: boolean
}

/**
 * A plugin's entry file: plugin.ts in a source checkout, plugin.js in the
 * built server (`node ace build` compiles one into the other).
 */
const ENTRY_FILES = ['plugin.ts', 'plugin.js']

/**
 * Discovers plugins/<id>/plugin.ts (plugin.js once built) at boot and registers each one. A
 * disabled plugin stays registered but its routes answer 404 and its
 * channels are not offered; enabling it takes effect without a restart.
 */
export class PluginHost {
  #plugins = new Map<string, PluginManifest>()
  #switches = new PluginSwitches()
  #onChange: ((id: string) => void)[] = []

  async discover(directory = app.makePath('plugins')) {
    let entries: string[] = []
    try {
      const found = await readdir(directory, { withFileTypes: true })
      entries = found
        .filter((entry) => entry.isDirectory() && PLUGIN_ID.test(entry.name))
        .map((entry) => entry.name)
        .sort()
    } catch {
      return
    }

    for (const id of entries) {
      // A folder discovered twice registers nothing twice.
      if (this.#plugins.has(id)) continue
      const file = await this.#entryFile(`${directory}/${id}`)
      if (!file) {
        logger.warn(`plugins/${id} has no plugin.ts or plugin.js and was skipped`)
        continue
      }
      const { default: manifest } = (await import(pathToFileURL(file).href)) as {
        default: PluginManifest
      }
      if (!manifest || manifest.id !== id) {
        throw new Error(
          `plugins/${id}/${basename(file)} must export a manifest whose id is "${id}"`
        )
      }
      await this.#register(manifest, `${directory}/${id}`)
    }
  }

  async #entryFile(root: string) {
    for (const name of ENTRY_FILES) {
      try {
        await access(`${root}/${name}`)
        return `${root}/${name}`
      } catch {
        // Try the next name.
      }
    }
    return null
  }

  async #register(manifest: PluginManifest, root: string) {
    checkSettingsDeclaration(manifest)
    this.#plugins.set(manifest.id, manifest)
    for (const table of unprefixedPluginTables(root, manifest.id)) {
      logger.warn(`plugins/${manifest.id} creates a table without its prefix (${table})`)
    }
    const views = `${root}/resources/views`
    try {
      await access(views)
      edge.mount(manifest.id, pathToFileURL(views + '/'))
    } catch {
      // A plugin without views is fine.
    }

    const isEnabled = (organisationId?: number) =>
      organisationId === undefined
        ? this.isEnabled(manifest.id)
        : this.isEnabledFor(manifest.id, organisationId)
    // Asked without an organisation (a worker, the resident's channel list): on for any of them.
    const isOffered = (organisationId?: number) =>
      organisationId === undefined
        ? this.isEnabledForAny(manifest.id)
        : this.isEnabledFor(manifest.id, organisationId)
    const guard = async (ctx: HttpContext, next: NextFn) => {
      // Behind the staff middleware, the organisation the member works for has its own switch.
      const membership = ctx.membership as Membership | undefined
      if (!isEnabled(membership?.organisationId)) return ctx.response.notFound('Not found')
      return next()
    }
    await manifest.register?.({
      app,
      routes: (define) => {
        router
          .group(() => define(router))
          .prefix(`/plugins/${manifest.id}`)
          .use(guard)
      },
      channel: (channel) => channelRegistry.register(channel, isOffered),
      alertHook: (hook) => alertHookRegistry.register(hook, isOffered),
      organisationChannel: (channel) => organisationChannelRegistry.register(channel, isEnabled),
      settings: pluginSettingsReader(manifest, pluginSettingsStore),
      isEnabled,
      staffPages: (define, options = {}) =>
        pluginStaffPages.register(manifest.id, define, options, isEnabled),
      slot: (name, definition) => pluginSlots.register(manifest.id, name, definition, isEnabled),
      webhook: (path, webhook) => pluginWebhooks.register(manifest.id, path, webhook, isEnabled),
      schedule: (name, job) => pluginSchedules.register(manifest.id, name, job, isEnabled),
      on: (event, handler) => listenForPlugin(manifest.id, event, handler, isEnabled),
      privacy: (hooks) => pluginPrivacy.register(manifest.id, hooks),
      checks: coreChecks,
      contacts: pluginCoreServices.contacts,
      receipts: pluginCoreServices.receipts,
      residentPages: (define) =>
        pluginResidentPages.register(manifest.id, define, () => isOffered()),
      verification: verificationDeliverers.registryFor(() => isOffered()),
      residents: pluginCoreServices.residents,
      replies: pluginCoreServices.repliesFor((organisationId) => isEnabled(organisationId)),
      schemes: pluginCoreServices.schemesFor(manifest.id),
      enabledOrganisations: () => this.enabledOrganisations(manifest.id),
      residentLanguages: (offer) => residentLanguageOffers.register(offer, () => isOffered()),
    })
  }

  /**
   * Reads which plugins are enabled, and forgets their settings until asked
   * again. Called at start and when another process says a plugin changed.
   */
  async refresh() {
    pluginSettingsStore.forget()
    try {
      await this.#switches.load((id) => this.#plugins.has(id))
    } catch (error) {
      logger.debug({ err: error }, 'plugin states not readable yet')
    }
  }

  list(): InstalledPlugin[] {
    return [...this.#plugins.values()].map((manifest) => ({
      manifest,
      enabled: this.isEnabled(manifest.id),
    }))
  }

  get(id: string) {
    return this.#plugins.get(id)
  }

  /** Whether the plugin is on install-wide. */
  isEnabled(id: string) {
    return this.#switches.isOn(id)
  }

  /**
   * Whether the plugin is on for an organisation: install-wide, and for a
   * plugin of scope "organisation" the organisation's own switch too.
   */
  isEnabledFor(id: string, organisationId: number) {
    if (!this.isEnabled(id)) return false
    if (this.#plugins.get(id)?.settings?.scope !== 'organisation') return true
    return this.#switches.isOnForOrganisation(id, organisationId)
  }

  /** Whether the plugin is on for at least one organisation (install-wide, for any plugin of scope "install"). */
  isEnabledForAny(id: string) {
    if (!this.isEnabled(id)) return false
    if (this.#plugins.get(id)?.settings?.scope !== 'organisation') return true
    return this.#switches.isOnForAnyOrganisation(id)
  }

  /** The organisations a plugin of scope "organisation" is on for (none while it is off install-wide). */
  enabledOrganisations(id: string) {
    if (!this.isEnabled(id) || this.#plugins.get(id)?.settings?.scope !== 'organisation') return []
    return this.#switches.organisationsOn(id)
  }

  /** Whether the organisation's own switch is on (whatever the install-wide one says). */
  isSwitchedOnFor(id: string, organisationId: number) {
    return this.#switches.isOnForOrganisation(id, organisationId)
  }

  async setEnabled(id: string, enabled: boolean) {
    if (!this.#plugins.has(id)) throw new Error(`No plugin "${id}" is installed`)
    // Keys a plugin generates for itself exist before anything can use them.
    if (enabled) await ensureGeneratedSettings(this.#plugins.get(id)!)
    await this.#switches.setInstall(id, enabled)
    this.changed(id)
    // A plugin may add to the public alert page (its slot): cached public pages are rendered again.
    await PublicPageCache.invalidate()
  }

  /** Switches a plugin of scope "organisation" on or off for one organisation. */
  async setEnabledFor(id: string, organisationId: number, enabled: boolean) {
    if (this.#plugins.get(id)?.settings?.scope !== 'organisation') {
      throw new Error(`Plugin "${id}" is not switched per organisation`)
    }
    await this.#switches.setOrganisation(id, organisationId, enabled)
    this.changed(id)
    await PublicPageCache.invalidate()
  }

  /** Tells every listener (plugin_sync: every other process) that a plugin's state or settings changed. */
  changed(id: string) {
    this.#onChange.forEach((listener) => listener(id))
  }

  onChange(listener: (id: string) => void) {
    this.#onChange.push(listener)
  }
}

const pluginHost = new PluginHost()
export default pluginHost
