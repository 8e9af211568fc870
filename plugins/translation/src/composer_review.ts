import { ALERT_FIXED_TEXTS } from '#contracts/alert_hooks'
import type { RenderableAlert } from '#contracts/channel'
import type { ResidentLookup } from '#contracts/residents'
import type { AlertTranslator } from './alert_translator.js'
import { describeLanguage } from './language_names.js'
import { markdownToHtml, textToHtml } from './html_markdown.js'
import { sourceHash, TranslationUsage, TranslationVersions } from './versions.js'

/**
 * The composer's translations: each language the organisation's residents
 * chose, beside the English, for staff to read and correct before approval,
 * with what translating the alert costs in characters.
 */
export async function composerReview(
  translator: AlertTranslator,
  residents: ResidentLookup,
  input: { alertId: number | null; organisationId: number; alert: RenderableAlert | null }
) {
  const { alertId, organisationId, alert } = input
  const counts = await residents.languagesOf(organisationId)
  if (!alert || !alertId || !counts.length) {
    return {
      shown: false,
      counts: counts.length,
      saveFirst: `Save the draft to see it translated into the ${counts.length} ${counts.length === 1 ? 'language' : 'languages'} your residents chose, beside the English.`,
      monthSentence: monthSentence(await TranslationUsage.thisMonth(organisationId)),
    }
  }
  const english = { title: alert.title, body: alert.bodyMarkdown }
  const versions = await translator.versionsFor(
    { id: alertId, organisationId },
    english,
    counts.map((count) => count.language),
    ALERT_FIXED_TEXTS,
    undefined,
    // The composer is a page staff wait for: one try; dispatch tries again within its budget.
    { retry: false }
  )
  // Read after translating: this month's total includes what opening the composer just cost.
  const monthCharacters = await TranslationUsage.thisMonth(organisationId)
  const characters = textToHtml(english.title).length + markdownToHtml(english.body).length
  return {
    shown: true,
    hash: sourceHash(english.title, english.body),
    english,
    languages: counts.map((count) => {
      const version = versions.find((candidate) => candidate.language === count.language)
      return {
        ...describeLanguage(count.language),
        residents: count.residents,
        status: version?.status ?? 'failed',
        title: version?.title ?? '',
        body: version?.body ?? '',
        corrected: version?.corrected ?? false,
        error: version?.error ?? null,
      }
    }),
    costSentence: `Translating this alert: ${number(characters)} characters × ${counts.length} ${counts.length === 1 ? 'language' : 'languages'} = ${number(characters * counts.length)} characters.`,
    monthSentence: monthSentence(monthCharacters),
    monthCharacters,
  }
}

const number = (value: number) => value.toLocaleString('en-GB')

/** The organisation's running total: Google bills by the character sent, every month. */
function monthSentence(characters: number) {
  return `Your organisation has translated ${number(characters)} characters this month.`
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/

/** The composer was saved: keep each translation staff checked or corrected, for the English it was made from. */
export async function saveReviews(alertId: number, fields: Record<string, unknown>) {
  if (fields.translation_shown !== '1') return
  const title = typeof fields.title === 'string' ? fields.title : ''
  const body = typeof fields.body === 'string' ? fields.body : ''
  // Changed English makes every translation beside it out of date: nothing is kept as checked.
  if (fields.translation_hash !== sourceHash(title, body)) return
  const codes = String(fields.translation_languages ?? '')
    .split(',')
    .filter((code) => LANGUAGE.test(code))
  for (const code of codes) {
    const kept = await TranslationVersions.find(alertId, code)
    if (!kept || kept.status === 'failed') continue
    const text = (name: string) => {
      const value = fields[`translation_${code}_${name}`]
      return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : ''
    }
    const words = { title: text('title').slice(0, 500), body: text('body').slice(0, 20_000) }
    if (!words.title || !words.body) continue
    const ticked = fields[`translation_${code}_checked`] === '1'
    const changed = words.title !== kept.title || words.body !== kept.body
    if (ticked || changed)
      await TranslationVersions.saveReview(alertId, code, kept.sourceHash, words)
  }
}
