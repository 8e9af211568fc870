import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import pluginHost from '#services/platform/plugin_host'
import pluginSettingsStore from '#services/platform/plugins/plugin_settings_store'
import { redisKey } from '#services/platform/redis_keys'

// A function: the prefix is read once the environment is loaded.
const channelName = () => redisKey('plugins', 'changed')

/**
 * Tells other Beacon processes (web and workers) that a plugin was enabled
 * or disabled (install-wide or for an organisation) or its settings changed,
 * so that none needs a restart. The message is the plugin's id: each process
 * forgets that plugin's settings and reads every switch again.
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
    redis.connection().subscribe(
      channelName(),
      (id: string) => {
        pluginSettingsStore.forget(id)
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
