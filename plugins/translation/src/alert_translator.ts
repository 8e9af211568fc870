import type {
  AlertFixedTexts,
  AlertTranslation,
  BeforeDispatchContext,
  HookAlert,
} from '#contracts/alert_hooks'
import type { SettingsReader } from '#contracts/settings'
import { translationClient, TranslationFailure } from './client.js'
import { htmlToMarkdown, htmlToText, markdownToHtml, textToHtml } from './html_markdown.js'
import type { LanguageList } from './language_list.js'
import { describeLanguage } from './language_names.js'
import type {
  TranslationInstallSettings,
  TranslationSettings,
  UnreviewedChoice,
} from './settings.js'
import {
  sourceHash,
  TranslationUsage,
  TranslationVersions,
  type TranslationVersion,
  type VersionTexts,
} from './versions.js'

/** The plugin's own words on every translated alert, translated with it. */
export const NOTICE_TEXTS = {
  noticeMachine: 'This alert was translated from English by machine.',
  noticeChecked: 'This alert was translated from English by machine and checked by staff.',
  readOriginal: 'Read the original in English',
}

/** Urgent alerts and emergencies: the priorities an organisation may let unchecked translations go with. */
const URGENT_PRIORITY = 4
/** Languages translated at once for one alert. */
const CONCURRENCY = 4
const RIGHT_TO_LEFT_MARK = '\u200F'

export interface TranslatorOptions {
  /** Waits before the second and third tries of a call that may succeed again. */
  retryDelaysMs?: number[]
  sleep?: (ms: number) => Promise<void>
}

export type EnglishWords = { title: string; body: string }

const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]])/g, '\\$1')

/**
 * Translates an alert once per language of its audience (never per
 * resident): its title, its body in HTML form and the fixed texts around it,
 * in one call per language, kept per (alert, language) for the English it
 * was made from. A language that fails after the retries is left out, so
 * its residents get the English; the failure is kept for staff.
 */
export class AlertTranslator {
  #retryDelays: number[]
  #sleep: (ms: number) => Promise<void>

  constructor(
    private settings: SettingsReader,
    private languageList: LanguageList,
    options: TranslatorOptions = {}
  ) {
    this.#retryDelays = options.retryDelaysMs ?? [1000, 3000]
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
  }

  async beforeDispatch({ alert, languages, fixedTexts }: BeforeDispatchContext) {
    const install = await this.settings.forInstall<TranslationInstallSettings>()
    const own = await this.settings.forOrganisation<TranslationSettings>(alert.organisationId)
    const versions = await this.versionsFor(alert, alert, languages, fixedTexts, install)
    const translations: AlertTranslation[] = []
    for (const version of versions) {
      if (version.status === 'failed' || !version.title || !version.body) continue
      const held = heldReason(version, own.unreviewed ?? 'always', alert.priority)
      await TranslationVersions.markHeld(alert.id, version.language, held)
      if (held) continue
      translations.push(forResidents(alert, version))
    }
    return translations
  }

  /**
   * The translation of these English words into each language: the kept one
   * when it was made from the same words, else a new one (or its failure).
   */
  async versionsFor(
    alert: Pick<HookAlert, 'id' | 'organisationId'>,
    english: EnglishWords,
    languages: string[],
    fixedTexts: Partial<AlertFixedTexts>,
    install?: TranslationInstallSettings,
    options: { retry?: boolean } = {}
  ): Promise<TranslationVersion[]> {
    const settings = install ?? (await this.settings.forInstall<TranslationInstallSettings>())
    const hash = sourceHash(english.title, english.body)
    const offeredLanguages = await this.languageList.offered(settings)
    const offered = new Set(offeredLanguages.map((language) => language.code))
    const queue = [...new Set(languages)]
    const results: TranslationVersion[] = []
    const work = async () => {
      for (let language = queue.shift(); language; language = queue.shift()) {
        const kept = await TranslationVersions.find(alert.id, language)
        if (kept && kept.sourceHash === hash && kept.status !== 'failed') {
          results.push(kept)
          continue
        }
        if (!offered.has(language)) {
          await TranslationVersions.saveFailure(
            alert.id,
            language,
            hash,
            `“${language}” is not among the languages set for translation (Settings → Plugins → Translation), so it was not translated.`
          )
        } else {
          try {
            const words = await this.#translate(
              alert,
              english,
              language,
              fixedTexts,
              settings,
              options.retry !== false
            )
            await TranslationVersions.saveMachine(alert.id, language, hash, words)
          } catch (error) {
            const reason =
              error instanceof TranslationFailure
                ? error.message
                : 'The translation service could not be reached.'
            await TranslationVersions.saveFailure(alert.id, language, hash, reason)
          }
        }
        const saved = await TranslationVersions.find(alert.id, language)
        if (saved) results.push(saved)
      }
    }
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, work))
    return results.sort((a, b) => a.language.localeCompare(b.language))
  }

  /** One call for every text of the alert in one language, tried again while it may succeed. */
  async #translate(
    alert: Pick<HookAlert, 'id' | 'organisationId'>,
    english: EnglishWords,
    language: string,
    fixedTexts: Partial<AlertFixedTexts>,
    settings: TranslationInstallSettings,
    retry: boolean
  ) {
    const fixed = { ...fixedTexts, ...NOTICE_TEXTS } as Record<string, string>
    const names = Object.keys(fixed)
    const texts = [
      textToHtml(english.title),
      markdownToHtml(english.body),
      ...names.map((name) => textToHtml(fixed[name])),
    ]
    const client = translationClient(settings)
    const characters = texts.reduce((sum, text) => sum + text.length, 0)
    let answer: string[] | null = null
    for (let attempt = 0; ; attempt++) {
      try {
        answer = await client.translate(texts, language)
        await TranslationUsage.record(alert.organisationId, alert.id || null, language, characters)
        break
      } catch (error) {
        const failure = error instanceof TranslationFailure ? error : null
        if (!retry || !failure?.retry || attempt >= this.#retryDelays.length) throw error
        await this.#sleep(this.#retryDelays[attempt])
      }
    }
    const [title, body, ...rest] = answer
    const translatedTexts: VersionTexts = {}
    names.forEach((name, index) => (translatedTexts[name] = htmlToText(rest[index] ?? '')))
    return { title: htmlToText(title), body: htmlToMarkdown(body), texts: translatedTexts }
  }
}

/** Why a translation nobody checked stays back, or null when it goes out. */
export function heldReason(
  version: TranslationVersion,
  choice: UnreviewedChoice,
  priority: number
): string | null {
  if (version.status === 'reviewed') return null
  if (choice === 'always') return null
  if (choice === 'urgent' && priority >= URGENT_PRIORITY) return null
  const name = describeLanguage(version.language).name
  return choice === 'urgent'
    ? `Nobody checked the ${name} translation, and your organisation sends unchecked translations only with urgent alerts and emergencies: residents who chose ${name} got the English.`
    : `Nobody checked the ${name} translation, and your organisation does not send unchecked translations: residents who chose ${name} got the English.`
}

/**
 * The version residents get: the translated words, the notice that a
 * machine made it (and whether staff checked it) with a link to the
 * English, marked right to left for languages written so.
 */
export function forResidents(alert: HookAlert, version: TranslationVersion): AlertTranslation {
  const { rightToLeft } = describeLanguage(version.language)
  const texts = version.texts
  const notice =
    version.status === 'reviewed'
      ? (texts.noticeChecked ?? NOTICE_TEXTS.noticeChecked)
      : (texts.noticeMachine ?? NOTICE_TEXTS.noticeMachine)
  const readOriginal = texts.readOriginal ?? NOTICE_TEXTS.readOriginal
  // A push notification has no dir: a leading right-to-left mark sets its direction.
  const mark = rightToLeft ? RIGHT_TO_LEFT_MARK : ''
  const body = `${mark}${version.body}\n\n_${escapeMarkdown(notice)}_ [${escapeMarkdown(readOriginal)}](${alert.originalUrl})`
  return {
    language: version.language,
    title: `${mark}${version.title}`,
    body,
    texts: Object.fromEntries(
      Object.entries(texts).filter(([name]) => !(name in NOTICE_TEXTS))
    ) as Partial<AlertFixedTexts>,
    direction: rightToLeft ? 'rtl' : 'ltr',
  }
}
