import type { SettingsCheckResult } from '#contracts/settings'
import { translationClient, TranslationFailure } from './client.js'
import { withoutOldCodes } from './language_names.js'
import { codesIn, type TranslationInstallSettings } from './settings.js'

/** Test connection: asks Google for its languages with what staff typed, and checks the chosen codes. */
export async function checkConnection(
  values: TranslationInstallSettings
): Promise<SettingsCheckResult> {
  let languages: { code: string }[]
  try {
    languages = await translationClient(values).languages()
  } catch (error) {
    return {
      ok: false,
      message:
        error instanceof TranslationFailure
          ? error.message
          : 'The translation service could not be reached.',
    }
  }
  const supported = new Set(languages.map((language) => language.code))
  const targets = withoutOldCodes(languages).filter((language) => language.code !== 'en')
  const unknown = codesIn(values.languages).filter((code) => !supported.has(code))
  if (unknown.length) {
    return {
      ok: false,
      message: `Google accepted the credentials, but does not translate into ${unknown.map((code) => `“${code}”`).join(', ')}: remove ${unknown.length > 1 ? 'them' : 'it'} from the languages residents may choose.`,
    }
  }
  return {
    ok: true,
    message: `Google accepted the credentials and translates into ${targets.length} languages.`,
  }
}
