import type { OrganisationChannel } from '#contracts/organisation_channel'

/**
 * The organisation channels (one delivery per alert and target, see
 * #contracts/organisation_channel). Plugins register theirs with a guard that
 * says whether the plugin is enabled right now.
 */
export class OrganisationChannelRegistry {
  #channels = new Map<string, { channel: OrganisationChannel; isAvailable: () => boolean }>()

  register(channel: OrganisationChannel, isAvailable: () => boolean = () => true) {
    this.#channels.set(channel.id, { channel, isAvailable })
  }

  /** Takes a channel away (tests that register their own). */
  unregister(id: string) {
    this.#channels.delete(id)
  }

  get(id: string): OrganisationChannel | undefined {
    const entry = this.#channels.get(id)
    return entry && entry.isAvailable() ? entry.channel : undefined
  }

  /** Registered, whether or not enabled: the label of a channel whose plugin was disabled since. */
  label(id: string) {
    return this.#channels.get(id)?.channel.label ?? id
  }

  available(): OrganisationChannel[] {
    return [...this.#channels.values()]
      .filter((entry) => entry.isAvailable())
      .map((entry) => entry.channel)
  }
}

const organisationChannelRegistry = new OrganisationChannelRegistry()
export default organisationChannelRegistry
