import { readdir, access } from 'node:fs/promises'
import { basename } from 'node:path'
import { pathToFileURL } from 'node:url'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import logger from '@adonisjs/core/services/logger'
import edge from 'edge.js'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import PluginState from '#models/platform/plugin_state'
import channelRegistry from '#services/platform/channel_registry'
import messageHookRegistry from '#services/platform/message_hook_registry'
import organisationChannelRegistry from '#services/platform/organisation_channel_registry'
import type { PluginManifest } from '#contracts/plugin'

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
  #enabled = new Set<string>()
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
    this.#plugins.set(manifest.id, manifest)
    const views = `${root}/resources/views`
    try {
      await access(views)
      edge.mount(manifest.id, pathToFileURL(views + '/'))
    } catch {
      // A plugin without views is fine.
    }

    const isEnabled = () => this.#enabled.has(manifest.id)
    const guard = async (ctx: HttpContext, next: NextFn) => {
      if (!isEnabled()) return ctx.response.notFound('Not found')
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
      channel: (channel) => channelRegistry.register(channel, isEnabled),
      messageHook: (hook) => messageHookRegistry.register(hook, isEnabled),
      organisationChannel: (channel) => organisationChannelRegistry.register(channel, isEnabled),
    })
  }

  /** Reads which plugins are enabled. Called at start and when another process says they changed. */
  async refresh() {
    try {
      const states = await PluginState.query().where('enabled', true)
      this.#enabled = new Set(states.map((state) => state.id).filter((id) => this.#plugins.has(id)))
    } catch (error) {
      logger.debug({ err: error }, 'plugin states not readable yet')
    }
  }

  list(): InstalledPlugin[] {
    return [...this.#plugins.values()].map((manifest) => ({
      manifest,
      enabled: this.#enabled.has(manifest.id),
    }))
  }

  get(id: string) {
    return this.#plugins.get(id)
  }

  isEnabled(id: string) {
    return this.#enabled.has(id)
  }

  async setEnabled(id: string, enabled: boolean) {
    if (!this.#plugins.has(id)) throw new Error(`No plugin "${id}" is installed`)
    await PluginState.updateOrCreate({ id }, { enabled })
    if (enabled) this.#enabled.add(id)
    else this.#enabled.delete(id)
    this.#onChange.forEach((listener) => listener(id))
  }

  onChange(listener: (id: string) => void) {
    this.#onChange.push(listener)
  }
}

const pluginHost = new PluginHost()
export default pluginHost
