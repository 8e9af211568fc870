import residentLanguageOffers from '#services/platform/plugins/resident_language_offers'
import { LANGUAGES, type Language } from '#services/residents/preferences/resident_preferences'

const ENGLISH = LANGUAGES[0]

/**
 * The languages a resident may choose for their alerts: the core's short
 * list, or, while a translation plugin is on, the languages it can
 * translate into (English first, then by their own names).
 */
export default class ResidentLanguages {
  static async offered(): Promise<{ languages: Language[]; fromPlugin: boolean }> {
    const offered = await residentLanguageOffers.languages()
    if (!offered) return { languages: LANGUAGES, fromPlugin: false }
    const others = offered
      .filter((language) => language.code !== ENGLISH.code)
      .map((language) => ({
        code: language.code,
        name: language.name,
        nativeName: language.nativeName,
        rightToLeft: language.rightToLeft,
      }))
      .sort((a, b) => a.nativeName.localeCompare(b.nativeName))
    return { languages: [ENGLISH, ...others], fromPlugin: true }
  }

  static async isOffered(code: string) {
    const { languages } = await this.offered()
    return languages.some((language) => language.code === code)
  }

  /** A stored code as a language, from whichever list knows it (a code no list has keeps its code as name). */
  static async describe(code: string): Promise<Language> {
    const { languages } = await this.offered()
    return (
      languages.find((language) => language.code === code) ??
      LANGUAGES.find((language) => language.code === code) ?? {
        code,
        name: code,
        nativeName: code,
        rightToLeft: false,
      }
    )
  }
}
