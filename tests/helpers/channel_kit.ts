import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import app from '@adonisjs/core/services/app'
import type Organisation from '#models/platform/organisation'
import type Resident from '#models/residents/resident'
import type { AcceptGate } from '#tests/helpers/accept_gate'

/** The alert a kit counts: its id, and its title (unique to the test) for providers that carry no id. */
export interface KitAlert {
  id: number
  title: string
}

/**
 * What a channel gives the core's cross-channel tests: its fake provider, and
 * how to set the channel up as staff and residents would. Each channel plugin
 * provides one in `plugins/<id>/tests/helpers/channel_kit.ts` (its default
 * export makes a fresh kit); the core finds them with findChannelKits(), so
 * that adding or removing a plugin folder changes no other file.
 */
export interface ChannelKit {
  /** The channel's id, as in the ledger (deliveries.channel) and in residents' preferences. */
  readonly channel: string
  /** The door of the fake provider: lets a number of messages be accepted, then holds the rest. */
  readonly gate: AcceptGate
  /** Starts the fake provider (on a free local port). */
  start(): Promise<void>
  /**
   * What a worker process (`node ace queue:work`) needs in its environment to
   * reach the fake, beyond the settings in the database: a certificate to
   * trust, say. Usually nothing.
   */
  workerEnvironment(): Record<string, string>
  /**
   * Switches the plugin on and points it at the fake for the organisation,
   * through Settings → Plugins as an install admin would. stop() undoes it.
   */
  enable(organisation: Organisation): Promise<void>
  /**
   * Gives the resident (the `index`th of the test, for distinct numbers) a
   * working contact for the channel, as the resident would have it; answers the
   * address the provider will be asked to reach, as the fake records it.
   */
  reach(resident: Resident, index: number): Promise<string>
  /** How many copies of the alert the fake accepted, by recipient address. */
  received(alert: KitAlert): Promise<Map<string, number>>
  /** Switches the plugin off again (if enable() ran), opens the gate and stops the fake. */
  stop(): Promise<void>
}

export type ChannelKitFactory = () => ChannelKit

/**
 * The kits of the plugins present, in the order of their folders' names: each
 * `plugins/<id>/tests/helpers/channel_kit.ts`, its default export called once.
 */
export async function findChannelKits(): Promise<ChannelKit[]> {
  const root = app.makePath('plugins')
  const folders = (await readdir(root, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  const kits: ChannelKit[] = []
  for (const folder of folders) {
    const file = app.makePath('plugins', folder, 'tests', 'helpers', 'channel_kit.ts')
    if (!existsSync(file)) continue
    const module = (await import(pathToFileURL(file).href)) as { default?: ChannelKitFactory }
    if (typeof module.default !== 'function') {
      throw new Error(`plugins/${folder}/tests/helpers/channel_kit.ts has no default export`)
    }
    kits.push(module.default())
  }
  return kits
}
