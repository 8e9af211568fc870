import type { Channel } from '#contracts/channel'

/**
 * Whether a channel may be used right now: given an organisation, for that
 * organisation (a plugin may be switched on for some organisations only);
 * without one, for any organisation.
 */
export type ChannelAvailability = (organisationId?: number) => boolean

/**
 * The channels alerts can go by. The core registers email; plugins register
 * theirs with a guard that says whether the plugin is enabled right now.
 */
export class ChannelRegistry {
  #channels = new Map<string, { channel: Channel; isAvailable: ChannelAvailability }>()
  // Channels a later registration of the same id stands in front of (a test's stand-in for a
  // plugin's channel): unregistering the stand-in brings them back.
  #shadowed = new Map<string, { channel: Channel; isAvailable: ChannelAvailability }[]>()

  register(channel: Channel, isAvailable: ChannelAvailability = () => true) {
    const earlier = this.#channels.get(channel.id)
    if (earlier && earlier.channel !== channel) {
      this.#shadowed.set(channel.id, [...(this.#shadowed.get(channel.id) ?? []), earlier])
    }
    this.#channels.set(channel.id, { channel, isAvailable })
  }

  /** The channel if it is available (for the organisation, when one is given). */
  get(id: string, organisationId?: number): Channel | undefined {
    const entry = this.#channels.get(id)
    return entry && entry.isAvailable(organisationId) ? entry.channel : undefined
  }

  /** A registered channel whether or not it is offered now: what it needs (its contact) still holds. */
  registered(id: string): Channel | undefined {
    return this.#channels.get(id)?.channel
  }

  /** For tests that register a channel of their own: the channel it stood in front of, if any, is back. */
  unregister(id: string) {
    const shadowed = this.#shadowed.get(id)
    const earlier = shadowed?.pop()
    if (shadowed && shadowed.length === 0) this.#shadowed.delete(id)
    if (earlier) this.#channels.set(id, earlier)
    else this.#channels.delete(id)
  }

  /**
   * For tests that stand in for a channel a plugin may also register (voice,
   * SMS): puts the stand-in in place and answers how to put back what was there.
   */
  standIn(channel: Channel, isAvailable: ChannelAvailability) {
    const before = this.#channels.get(channel.id)
    this.#channels.set(channel.id, { channel, isAvailable })
    return () => {
      if (before) this.#channels.set(channel.id, before)
      else this.#channels.delete(channel.id)
    }
  }

  /** Every registered channel, enabled or not: workers listen for all of them. */
  all(): Channel[] {
    return [...this.#channels.values()].map((entry) => entry.channel)
  }

  /** The channels available now (for the organisation, when one is given). */
  available(organisationId?: number): Channel[] {
    return [...this.#channels.values()]
      .filter((entry) => entry.isAvailable(organisationId))
      .map((entry) => entry.channel)
  }
}

const channelRegistry = new ChannelRegistry()
export default channelRegistry
