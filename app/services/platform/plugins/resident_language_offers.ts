import logger from '@adonisjs/core/services/logger'
import type { OfferedLanguage, ResidentLanguageOffer } from '#contracts/languages'

const CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/

/**
 * The language lists plugins offer residents (plugins/translation), each
 * with a guard saying whether its plugin is on.
 */
export class ResidentLanguageOffers {
  #offers: { offer: ResidentLanguageOffer; isAvailable: () => boolean }[] = []

  register(offer: ResidentLanguageOffer, isAvailable: () => boolean = () => true) {
    const entry = { offer, isAvailable }
    this.#offers.push(entry)
    return () => {
      this.#offers = this.#offers.filter((candidate) => candidate !== entry)
    }
  }

  /** Null while no enabled plugin offers languages: the core's own list applies then. */
  async languages(): Promise<OfferedLanguage[] | null> {
    const available = this.#offers.filter((entry) => entry.isAvailable())
    if (!available.length) return null
    const found = new Map<string, OfferedLanguage>()
    for (const { offer } of available) {
      try {
        for (const language of await offer.languages()) {
          if (!CODE.test(language.code) || found.has(language.code)) continue
          if (!language.nativeName?.trim() || !language.name?.trim()) continue
          found.set(language.code, language)
        }
      } catch (error) {
        logger.warn({ err: error }, 'a plugin could not list its languages')
      }
    }
    return found.size ? [...found.values()] : null
  }
}

const residentLanguageOffers = new ResidentLanguageOffers()
export default residentLanguageOffers
