import type { PrivacyHooks } from '#contracts/privacy'

type Sink = (pluginId: string, hooks: PrivacyHooks) => void

/**
 * Plugins' privacy hooks (#contracts/privacy). The privacy registry belongs to
 * the residents module, which the platform may not import, so the composition
 * root connects it (app/providers/beacon_provider.ts); hooks a plugin
 * registers first wait here until then.
 */
class PluginPrivacy {
  #pending: Array<[string, PrivacyHooks]> = []
  #sink: Sink | null = null

  register(pluginId: string, hooks: PrivacyHooks) {
    if (this.#sink) this.#sink(pluginId, hooks)
    else this.#pending.push([pluginId, hooks])
  }

  connect(sink: Sink) {
    this.#sink = sink
    for (const [pluginId, hooks] of this.#pending.splice(0)) sink(pluginId, hooks)
  }
}

const pluginPrivacy = new PluginPrivacy()
export default pluginPrivacy
