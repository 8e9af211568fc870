import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import pluginHost from '#services/plugin_host'

const CHANNEL = 'beacon:plugins:changed'

/**
 * Tells other Beacon processes (web and workers) that a plugin was enabled
 * or disabled, so that none needs a restart.
 */
class PluginSync {
  #listening = false

  async listen() {
    if (this.#listening) return
    this.#listening = true
    pluginHost.onChange((id) => {
      redis
        .publish(CHANNEL, id)
        .catch((error) => logger.warn({ err: error }, 'plugin change not published'))
    })
    redis.connection().subscribe(
      CHANNEL,
      () => {
        pluginHost.refresh().catch((error) => logger.warn({ err: error }, 'plugin refresh failed'))
      },
      {
        onError: (error: unknown) =>
          logger.warn({ err: error }, 'plugin change subscription failed'),
        onSubscription: () => {},
      }
    )
  }
}

const pluginSync = new PluginSync()
export default pluginSync
