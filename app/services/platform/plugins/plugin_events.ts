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
  isEnabled: () => boolean
) {
  emitter.on(event, async (payload: BeaconEvents[Name]) => {
    if (!isEnabled()) return
    try {
      await handler(payload)
    } catch (error) {
      logger.error({ err: error, plugin: pluginId, event }, 'plugin event listener failed')
    }
  })
}
