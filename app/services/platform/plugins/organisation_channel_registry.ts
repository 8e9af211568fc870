import type { OrganisationChannel } from '#contracts/organisation_channel'

/** Whether the channel's plugin is on: install-wide, or for an organisation when one is named. */
type Availability = (organisationId?: number) => boolean

/**
 * The organisation channels (one delivery per alert and target, see
 * #contracts/organisation_channel). Plugins register theirs with a guard that
 * says whether the plugin is enabled right now.
 */
export class OrganisationChannelRegistry {
  #channels = new Map<string, { channel: OrganisationChannel; isAvailable: Availability }>()

  register(channel: OrganisationChannel, isAvailable: Availability = () => true) {
    this.#channels.set(channel.id, { channel, isAvailable })
  }

  /** Takes a channel away (tests that register their own). */
  unregister(id: string) {
    this.#channels.delete(id)
  }

  /** The channel when its plugin is on (for the organisation, when one is named). */
  get(id: string, organisationId?: number): OrganisationChannel | undefined {
    const entry = this.#channels.get(id)
    return entry && entry.isAvailable(organisationId) ? entry.channel : undefined
  }

  /** Registered, whether or not enabled: the label of a channel whose plugin was disabled since. */
  label(id: string) {
    return this.#channels.get(id)?.channel.label ?? id
  }

  /** The channels whose plugin is on (for the organisation, when one is named). */
  available(organisationId?: number): OrganisationChannel[] {
    return [...this.#channels.values()]
      .filter((entry) => entry.isAvailable(organisationId))
      .map((entry) => entry.channel)
  }
}

const organisationChannelRegistry = new OrganisationChannelRegistry()
export default organisationChannelRegistry
