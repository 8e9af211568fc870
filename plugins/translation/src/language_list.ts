import type { OfferedLanguage } from '#contracts/languages'
import { translationClient } from './client.js'
import { bundledLanguages, describeLanguage, withoutOldCodes } from './language_names.js'
import { codesIn, type TranslationInstallSettings } from './settings.js'

const DAY_MS = 24 * 60 * 60 * 1000
/** After a failed ask, the bundled list is used this long before asking again. */
const RETRY_MS = 5 * 60 * 1000

interface Cached {
  key: string
  languages: OfferedLanguage[]
  fromApi: boolean
  until: number
}

/**
 * The languages Google translates into: asked once a day, kept in memory,
 * and the bundled list while the API cannot be asked.
 */
export class LanguageList {
  #cached: Cached | null = null
  #asking: Promise<Cached> | null = null

  constructor(private now: () => number = Date.now) {}

  /** Every supported language, and whether the list came from the API. */
  async supported(settings: TranslationInstallSettings): Promise<Cached> {
    const key = `${settings.api_url ?? ''}|${settings.api_key ?? ''}|${settings.service_account_key ?? ''}`
    if (this.#cached && this.#cached.key === key && this.#cached.until > this.now()) {
      return this.#cached
    }
    this.#asking ??= this.#ask(settings, key).finally(() => (this.#asking = null))
    return this.#asking
  }

  async #ask(settings: TranslationInstallSettings, key: string): Promise<Cached> {
    try {
      const answered = await translationClient(settings).languages()
      const languages = withoutOldCodes(answered).map((language) =>
        describeLanguage(language.code, language.name)
      )
      if (!languages.length) throw new Error('empty list')
      this.#cached = { key, languages, fromApi: true, until: this.now() + DAY_MS }
    } catch {
      this.#cached = {
        key,
        languages: bundledLanguages(),
        fromApi: false,
        until: this.now() + RETRY_MS,
      }
    }
    return this.#cached
  }

  /** What residents may choose: the install's chosen codes that Google supports, or all of them. */
  async offered(settings: TranslationInstallSettings): Promise<OfferedLanguage[]> {
    const { languages } = await this.supported(settings)
    const chosen = codesIn(settings.languages)
    if (!chosen.length) return languages
    return chosen
      .map((code) => languages.find((language) => language.code === code))
      .filter((language): language is OfferedLanguage => language !== undefined)
  }

  forget() {
    this.#cached = null
  }
}
