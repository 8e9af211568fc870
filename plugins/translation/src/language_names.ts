import type { OfferedLanguage } from '#contracts/languages'
import { BUNDLED_LANGUAGES, RIGHT_TO_LEFT } from './bundled_languages.js'

const ENGLISH_NAMES = new Map(BUNDLED_LANGUAGES)

/** The codes the API answers with some older names for. */
const OLD_CODES: Record<string, string> = { iw: 'he', jw: 'jv' }

/** A language's name in itself ("Polski", "Română", "اردو"), or null when the platform does not know it. */
export function nativeNameOf(code: string): string | null {
  try {
    const name = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code)
    if (!name) return null
    // Names of languages are written lowercase in many languages ("polski"); a list shows them as names.
    return name.charAt(0).toLocaleUpperCase(code) + name.slice(1)
  } catch {
    return null
  }
}

/** A code as residents see it: its own name, its English name, its direction. */
export function describeLanguage(code: string, englishName?: string): OfferedLanguage {
  const name = englishName ?? ENGLISH_NAMES.get(code) ?? code
  return {
    code,
    name,
    nativeName: nativeNameOf(code) ?? name,
    rightToLeft: RIGHT_TO_LEFT.has(code),
  }
}

/** The API's list with its duplicate old codes left out ("iw" beside "he"). */
export function withoutOldCodes<T extends { code: string }>(languages: T[]): T[] {
  const codes = new Set(languages.map((language) => language.code))
  return languages.filter(
    (language) => !(OLD_CODES[language.code] && codes.has(OLD_CODES[language.code]))
  )
}

export function bundledLanguages(): OfferedLanguage[] {
  return BUNDLED_LANGUAGES.map(([code, name]) => describeLanguage(code, name))
}

export function isBundledCode(code: string) {
  return ENGLISH_NAMES.has(code) || code in OLD_CODES
}
