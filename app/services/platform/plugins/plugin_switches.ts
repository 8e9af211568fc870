import PluginState from '#models/platform/plugin_state'
import PluginOrganisation from '#models/platform/plugin_organisation'

/**
 * Which plugins are on, install-wide and per organisation, as this process
 * last read them. Read from the database at start and again whenever another
 * process says a plugin changed (plugin_sync), so a request never waits on
 * the database to know whether a plugin answers.
 */
export class PluginSwitches {
  #install = new Set<string>()
  #organisations = new Map<string, Set<number>>()
  /** Reads can finish out of order: only the latest one started is kept. */
  #reads = 0

  async load(isInstalled: (id: string) => boolean) {
    const read = ++this.#reads
    const [states, organisations] = await Promise.all([
      PluginState.query().where('enabled', true),
      PluginOrganisation.query().where('enabled', true),
    ])
    if (read !== this.#reads) return
    this.#install = new Set(states.map((state) => state.id).filter(isInstalled))
    const byPlugin = new Map<string, Set<number>>()
    for (const row of organisations) {
      if (!isInstalled(row.pluginId)) continue
      if (!byPlugin.has(row.pluginId)) byPlugin.set(row.pluginId, new Set())
      byPlugin.get(row.pluginId)!.add(row.organisationId)
    }
    this.#organisations = byPlugin
  }

  isOn(id: string) {
    return this.#install.has(id)
  }

  /** Whether the organisation's own switch is on; the install-wide one is isOn's. */
  isOnForOrganisation(id: string, organisationId: number) {
    return this.#organisations.get(id)?.has(organisationId) ?? false
  }

  /** Whether any organisation's own switch is on. */
  isOnForAnyOrganisation(id: string) {
    return (this.#organisations.get(id)?.size ?? 0) > 0
  }

  /** The organisations whose own switch is on. */
  organisationsOn(id: string) {
    return [...(this.#organisations.get(id) ?? [])]
  }

  async setInstall(id: string, enabled: boolean) {
    await PluginState.updateOrCreate({ id }, { enabled })
    this.#reads++
    if (enabled) this.#install.add(id)
    else this.#install.delete(id)
  }

  async setOrganisation(id: string, organisationId: number, enabled: boolean) {
    await PluginOrganisation.updateOrCreate({ pluginId: id, organisationId }, { enabled })
    this.#reads++
    if (!this.#organisations.has(id)) this.#organisations.set(id, new Set())
    if (enabled) this.#organisations.get(id)!.add(organisationId)
    else this.#organisations.get(id)!.delete(organisationId)
  }
}
