import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import type { Channel, ChannelVariant } from '#contracts/channel'
import { ALERT_FIXED_TEXTS, type AlertTranslation } from '#contracts/alert_hooks'
import type Alert from '#models/messaging/alert'
import alertHookRegistry from '#services/platform/plugins/alert_hook_registry'
import {
  coreFixedTexts,
  renderableAlert,
  type AlertWords,
} from '#services/messaging/alert_rendering'
import { absoluteUrl } from '#services/messaging/public_alert_view'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/** The language an alert is written in, and the one residents without a translation get. */
export const DEFAULT_LANGUAGE = 'en'

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/

type VariantSet = Map<string, ChannelVariant>

const key = (channel: string, language: string) => `${channel}\u0000${language}`

/**
 * An alert rendered once per channel and language before its audience is
 * walked, then read by every send job. Never per recipient: only the
 * per-recipient tokens are replaced when a delivery is made.
 */
export default class AlertVariants {
  static #cache = new Map<string, VariantSet>()

  /**
   * Renders what is missing for these channels: the default language, and
   * each other language of the audience an alert hook translated. Inserted
   * with "ignore conflict", so a rerun or a second worker adds nothing.
   * Expects alert.organisation loaded.
   */
  static async prepare(alert: Alert, channels: Channel[], audienceLanguages: string[]) {
    const stored = await db
      .from('alert_variants')
      .where('alert_id', alert.id)
      .select('channel', 'language')
    const existing = new Set(stored.map((row) => key(row.channel, row.language)))
    const wanted = [...new Set(audienceLanguages)].filter(
      (language) => language !== DEFAULT_LANGUAGE && LANGUAGE.test(language)
    )
    const missingOther = wanted.filter((language) =>
      channels.some((channel) => !existing.has(key(channel.id, language)))
    )
    const translations = missingOther.length ? await this.#translate(alert, missingOther) : []

    const versions: { language: string; words?: AlertWords }[] = [
      { language: DEFAULT_LANGUAGE },
      ...translations.map((translation) => ({
        language: translation.language,
        words: {
          title: translation.title,
          body: translation.body,
          texts: { ...translation.texts, ...coreFixedTexts(translation.language) },
          direction: translation.direction,
        },
      })),
    ]
    const rows = []
    for (const { language, words } of versions) {
      const renderable = renderableAlert(alert, words)
      for (const channel of channels) {
        if (existing.has(key(channel.id, language))) continue
        const variant = await channel.render(renderable, language)
        rows.push({
          alert_id: alert.id,
          channel: channel.id,
          language,
          subject: variant.subject ?? null,
          html: variant.html ?? null,
          text: variant.text,
          url: variant.url ?? null,
          created_at: sqlTime(),
        })
      }
    }
    for (const row of rows) {
      await db
        .table('alert_variants')
        .insert(row)
        .onConflict(['alert_id', 'channel', 'language'])
        .ignore()
    }
    if (rows.length) this.#forget(alert)
  }

  /** Keyed by when the alert was made as well as its id: an id is reused after a database is emptied. */
  static #cacheKey(alert: Alert) {
    return `${alert.id}:${alert.createdAt?.toMillis()}`
  }

  static #forget(alert: Alert) {
    this.#cache.delete(this.#cacheKey(alert))
  }

  /** Asks every enabled hook once; the first translation of a language wins. */
  static async #translate(alert: Alert, languages: string[]) {
    const found = new Map<string, AlertTranslation>()
    for (const hook of alertHookRegistry.available(alert.organisationId)) {
      if (!hook.beforeDispatch) continue
      try {
        const translations = await hook.beforeDispatch({
          alert: {
            id: alert.id,
            organisationId: alert.organisationId,
            title: alert.title,
            body: alert.body,
            priority: alert.priority,
            category: alert.category,
            originalUrl: absoluteUrl(
              alert.isPublic ? `/alerts/${alert.id}` : '/my-alerts/received'
            ),
          },
          languages: [...languages],
          fixedTexts: { ...ALERT_FIXED_TEXTS },
        })
        for (const translation of translations ?? []) {
          if (
            languages.includes(translation.language) &&
            !found.has(translation.language) &&
            translation.title?.trim() &&
            translation.body?.trim()
          ) {
            found.set(translation.language, translation)
          }
        }
      } catch (error) {
        // A translation service that fails must not stop an alert.
        logger.warn({ err: error, alertId: alert.id }, 'an alert hook failed before dispatch')
      }
    }
    return [...found.values()]
  }

  /** Every variant of an alert, read once and kept while its workers send it. */
  static async load(alert: Alert): Promise<VariantSet> {
    const cached = this.#cache.get(this.#cacheKey(alert))
    if (cached) return cached
    const rows = await db
      .from('alert_variants')
      .where('alert_id', alert.id)
      .select('channel', 'language', 'subject', 'html', 'text', 'url')
    const variants: VariantSet = new Map(
      rows.map((row) => [
        key(row.channel, row.language),
        {
          subject: row.subject ?? undefined,
          html: row.html ?? undefined,
          text: row.text,
          url: row.url ?? undefined,
        },
      ])
    )
    if (this.#cache.size > 100) this.#cache.clear()
    this.#cache.set(this.#cacheKey(alert), variants)
    return variants
  }

  /** The variant for a recipient's language, or the default one; null when the channel has none. */
  static pick(variants: VariantSet, channel: string, language: string) {
    const own = variants.get(key(channel, language))
    if (own) return { variant: own, language }
    const fallback = variants.get(key(channel, DEFAULT_LANGUAGE))
    return fallback ? { variant: fallback, language: DEFAULT_LANGUAGE } : null
  }

  /**
   * The variants a send job needs. A channel enabled after dispatch has none
   * yet: its default variant is rendered now, once.
   */
  static async forSending(alert: Alert, channel: Channel) {
    let variants = await this.load(alert)
    if (!variants.has(key(channel.id, DEFAULT_LANGUAGE))) {
      await this.prepare(alert, [channel], [])
      this.#forget(alert)
      variants = await this.load(alert)
    }
    return variants
  }
}
