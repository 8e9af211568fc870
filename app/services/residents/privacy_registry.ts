import type { PrivacyErasure, PrivacyHooks, PrivacyRecord } from '#contracts/privacy'

export interface PrivacySection extends PrivacyHooks {
  /** The section's name in the download (camelCase, e.g. alertsReceived, or a plugin's id). */
  key: string
}

/**
 * The sections of a resident's data download, and what erasure removes: the
 * residents module owns the download, and every module or plugin that keeps
 * personal data about residents registers its own section here (later modules
 * at boot, plugins through their context), so that residents never reach into
 * another module's tables to find it.
 */
/** The download's own sections (resident_data_export.ts): no registered section may take one's place. */
const OWN_SECTIONS = new Set([
  'exportedAt',
  'contactDetails',
  'account',
  'areas',
  'preferences',
  'channels',
  'interests',
  'schemes',
  'consents',
  'aboutYou',
  'otherContacts',
])

export class PrivacyRegistry {
  #sections = new Map<string, PrivacySection>()

  /** Adds a section, or replaces the one with the same key (a plugin registered again). */
  register(key: string, hooks: PrivacyHooks) {
    if (OWN_SECTIONS.has(key)) {
      throw new Error(`"${key}" is a section of the resident's own data: choose another key`)
    }
    this.#sections.set(key, { key, export: hooks.export, erase: hooks.erase })
    return () => {
      if (this.#sections.get(key)?.export === hooks.export) this.#sections.delete(key)
    }
  }

  unregister(key: string) {
    this.#sections.delete(key)
  }

  has(key: string) {
    return this.#sections.has(key)
  }

  /** In the order they were registered: the download lists them after the resident's own sections. */
  all() {
    return [...this.#sections.values()]
  }

  async exportAll(residentId: number) {
    const exported: Record<string, PrivacyRecord | PrivacyRecord[] | null> = {}
    for (const section of this.all()) {
      exported[section.key] = await section.export(residentId)
    }
    return exported
  }

  /** One section after another, so that a failure stops the erasure with the rest untouched. */
  async eraseAll(erasure: PrivacyErasure) {
    for (const section of this.all()) await section.erase(erasure)
  }
}

const privacyRegistry = new PrivacyRegistry()
export default privacyRegistry
