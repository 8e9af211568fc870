import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
import type { BeaconEvents } from '#contracts/events'

/**
 * Plugins' listeners to the core's events (#contracts/events): each runs only
 * while its plugin is enabled, and one that throws is logged without reaching
 * the core code that raised the event.
 */
export function listenForPlugin<Name extends keyof BeaconEvents>(
  pluginId: string,
  event: Name,
  handler: (payload: BeaconEvents[Name]) => void | Promise<void>,
  isEnabled: (organisationId?: number) => boolean
) {
  emitter.on(event, async (payload: BeaconEvents[Name]) => {
    // An event about an organisation reaches the plugin only where it is on for that organisation.
    const organisationId =
      'organisationId' in payload ? (payload.organisationId as number) : undefined
    if (!isEnabled(organisationId)) return
    try {
      await handler(payload)
    } catch (error) {
      logger.error({ err: error, plugin: pluginId, event }, 'plugin event listener failed')
    }
  })
}
