import type { Channel } from '#contracts/channel'

/**
 * The channels alerts can go by. The core registers email; plugins register
 * theirs with a guard that says whether the plugin is enabled right now.
 */
export class ChannelRegistry {
  #channels = new Map<string, { channel: Channel; isAvailable: () => boolean }>()

  register(channel: Channel, isAvailable: () => boolean = () => true) {
    this.#channels.set(channel.id, { channel, isAvailable })
  }

  get(id: string): Channel | undefined {
    const entry = this.#channels.get(id)
    return entry && entry.isAvailable() ? entry.channel : undefined
  }

  /** A registered channel whether or not it is offered now: what it needs (its contact) still holds. */
  registered(id: string): Channel | undefined {
    return this.#channels.get(id)?.channel
  }

  /** For tests that register a channel of their own. */
  unregister(id: string) {
    this.#channels.delete(id)
  }

  /** Every registered channel, enabled or not: workers listen for all of them. */
  all(): Channel[] {
    return [...this.#channels.values()].map((entry) => entry.channel)
  }

  available(): Channel[] {
    return [...this.#channels.values()]
      .filter((entry) => entry.isAvailable())
      .map((entry) => entry.channel)
  }
}

const channelRegistry = new ChannelRegistry()
export default channelRegistry
