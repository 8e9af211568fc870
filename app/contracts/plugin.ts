import type { ApplicationService } from '@adonisjs/core/types'
import type { Router } from '@adonisjs/core/http'
import type { Channel } from '#contracts/channel'
import type { MessageHook } from '#contracts/message_hooks'
import type { OrganisationChannel } from '#contracts/organisation_channel'
import type { PluginSettings, SettingsReader } from '#contracts/settings'

/**
 * What a plugin's folder exports from plugins/<id>/plugin.ts.
 */
export interface PluginManifest {
  /** Same as the folder name: lowercase letters, digits and hyphens. */
  id: string
  name: string
  description: string
  version: string

  /**
   * What staff set in Settings → Plugins, and whether the plugin is switched
   * on install-wide or per organisation (#contracts/settings). Without it the
   * plugin has no form and one install-wide switch.
   */
  settings?: PluginSettings<any>

  /**
   * Called once at boot, whether or not the plugin is enabled. Routes are
   * registered inside a group that answers 404 while the plugin is disabled.
   */
  register?(context: PluginContext): void | Promise<void>
}

export interface PluginContext {
  app: ApplicationService
  /** Routes registered here are prefixed with /plugins/<id> and guarded by the enabled flag. */
  routes(define: (router: Router) => void): void
  /** Offers a channel while the plugin is enabled. */
  channel(channel: Channel): void
  /** Takes part in every alert's path (e.g. translation before dispatch) while the plugin is enabled. */
  messageHook(hook: MessageHook): void
  /** Offers a channel that sends each alert once per configured target (a webhook URL) while the plugin is enabled. */
  organisationChannel(channel: OrganisationChannel): void
  /** The plugin's settings, decrypted and current. */
  settings: SettingsReader
  /**
   * Whether the plugin is on right now: install-wide, or for an organisation
   * (its own switch too, for a plugin of scope `organisation`). Routes,
   * channels and hooks are guarded already; use it in code the core does not
   * guard, such as an inbound webhook naming an organisation.
   */
  isEnabled(organisationId?: number): boolean
}

export function definePlugin(manifest: PluginManifest): PluginManifest {
  return manifest
}
