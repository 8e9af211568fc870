import logger from '@adonisjs/core/services/logger'
import type { SlotData, SlotDefinition, SlotName } from '#contracts/slots'

interface Registration {
  pluginId: string
  definition: SlotDefinition<any>
  isEnabled(organisationId?: number): boolean
}

export interface SlotPart {
  /** The component to render, "<plugin id>::<view>". */
  component: string
  props: Record<string, unknown>
}

/** Plugins' partials for the named slots in the core's pages (#contracts/slots). */
class PluginSlots {
  #slots = new Map<SlotName, Registration[]>()

  register<Name extends SlotName>(
    pluginId: string,
    name: Name,
    definition: SlotDefinition<Name>,
    isEnabled: (organisationId?: number) => boolean
  ) {
    const registrations = this.#slots.get(name) ?? []
    registrations.push({ pluginId, definition, isEnabled })
    this.#slots.set(name, registrations)
  }

  /** Enabled plugins' parts, in the order plugins registered them; one that fails is logged and left out. */
  async parts<Name extends SlotName>(name: Name, data: SlotData[Name]): Promise<SlotPart[]> {
    const parts: SlotPart[] = []
    // Staff slots name the organisation, whose own switch counts where the plugin has one.
    const organisationId = 'organisationId' in data ? data.organisationId : undefined
    for (const { pluginId, definition, isEnabled } of this.#slots.get(name) ?? []) {
      if (!isEnabled(organisationId)) continue
      try {
        const extra = (await definition.data?.(data)) ?? {}
        parts.push({ component: `${pluginId}::${definition.view}`, props: { ...data, ...extra } })
      } catch (error) {
        logger.error({ err: error, plugin: pluginId, slot: name }, 'plugin slot failed')
      }
    }
    return parts
  }
}

const pluginSlots = new PluginSlots()
export default pluginSlots

export function pluginSlotParts<Name extends SlotName>(name: Name, data: SlotData[Name]) {
  return pluginSlots.parts(name, data)
}
