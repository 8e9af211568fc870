import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import pluginHost from '#services/platform/plugins/plugin_host'
import { redisKey } from '#services/platform/infrastructure/redis_keys'

// A function: the prefix is read once the environment is loaded.
const channelName = () => redisKey('plugins', 'changed')

/**
 * Tells other Beacon processes (web and workers) that a plugin was enabled
 * or disabled (install-wide or for an organisation) or its settings changed,
 * so that none needs a restart. The message is the plugin's id; each process
 * reads every switch again and forgets the settings it kept (refresh).
 */
class PluginSync {
  #listening = false

  async listen() {
    if (this.#listening) return
    this.#listening = true
    pluginHost.onChange((id) => {
      redis
        .publish(channelName(), id)
        .catch((error) => logger.warn({ err: error }, 'plugin change not published'))
    })
    const connection = redis.connection()
    await new Promise<void>((resolve) => {
      connection.subscribe(channelName(), () => this.#reread(), {
        onError: (error: unknown) => {
          logger.warn({ err: error }, 'plugin change subscription failed')
          resolve()
        },
        // A change made between the first read and now was announced to nobody here.
        onSubscription: () => {
          this.#reread()
          resolve()
        },
      })
    })
    // Announcements made while the connection was down are lost: read everything again.
    connection.on('subscriber:ready', () => this.#reread())
  }

  #reread() {
    pluginHost.refresh().catch((error) => logger.warn({ err: error }, 'plugin refresh failed'))
  }
}

const pluginSync = new PluginSync()
export default pluginSync
