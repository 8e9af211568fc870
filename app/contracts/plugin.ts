import type { ApplicationService } from '@adonisjs/core/types'
import type { Router } from '@adonisjs/core/http'
import type { Channel } from '#contracts/channel'
import type { MessageHook } from '#contracts/message_hooks'
import type { OrganisationChannel } from '#contracts/organisation_channel'

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
}

export function definePlugin(manifest: PluginManifest): PluginManifest {
  return manifest
}
