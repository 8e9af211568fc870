import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import type { Channel, ChannelVariant } from '#contracts/channel'
import type { AlertTranslation } from '#contracts/message_hooks'
import type Message from '#models/messaging/message'
import messageHookRegistry from '#services/platform/plugins/message_hook_registry'
import { renderableAlert, type AlertWords } from '#services/messaging/alert_rendering'
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
export default class MessageVariants {
  static #cache = new Map<string, VariantSet>()

  /**
   * Renders what is missing for these channels: the default language, and
   * each other language of the audience a message hook translated. Inserted
   * with "ignore conflict", so a rerun or a second worker adds nothing.
   * Expects message.organisation loaded.
   */
  static async prepare(message: Message, channels: Channel[], audienceLanguages: string[]) {
    const stored = await db
      .from('message_variants')
      .where('message_id', message.id)
      .select('channel', 'language')
    const existing = new Set(stored.map((row) => key(row.channel, row.language)))
    const wanted = [...new Set(audienceLanguages)].filter(
      (language) => language !== DEFAULT_LANGUAGE && LANGUAGE.test(language)
    )
    const missingOther = wanted.filter((language) =>
      channels.some((channel) => !existing.has(key(channel.id, language)))
    )
    const translations = missingOther.length ? await this.#translate(message, missingOther) : []

    const versions: { language: string; words?: AlertWords }[] = [
      { language: DEFAULT_LANGUAGE },
      ...translations.map((translation) => ({
        language: translation.language,
        words: { title: translation.title, body: translation.body },
      })),
    ]
    const rows = []
    for (const { language, words } of versions) {
      const alert = renderableAlert(message, words)
      for (const channel of channels) {
        if (existing.has(key(channel.id, language))) continue
        const variant = await channel.render(alert, language)
        rows.push({
          message_id: message.id,
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
        .table('message_variants')
        .insert(row)
        .onConflict(['message_id', 'channel', 'language'])
        .ignore()
    }
    if (rows.length) this.#forget(message)
  }

  /** Keyed by when the message was made as well as its id: an id is reused after a database is emptied. */
  static #cacheKey(message: Message) {
    return `${message.id}:${message.createdAt?.toMillis()}`
  }

  static #forget(message: Message) {
    this.#cache.delete(this.#cacheKey(message))
  }

  /** Asks every enabled hook once; the first translation of a language wins. */
  static async #translate(message: Message, languages: string[]) {
    const found = new Map<string, AlertTranslation>()
    for (const hook of messageHookRegistry.available(message.organisationId)) {
      if (!hook.beforeDispatch) continue
      try {
        const translations = await hook.beforeDispatch({
          message: {
            id: message.id,
            organisationId: message.organisationId,
            title: message.title,
            body: message.body,
            priority: message.priority,
            category: message.category,
          },
          languages: [...languages],
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
        logger.warn({ err: error, messageId: message.id }, 'a message hook failed before dispatch')
      }
    }
    return [...found.values()]
  }

  /** Every variant of a message, read once and kept while its workers send it. */
  static async load(message: Message): Promise<VariantSet> {
    const cached = this.#cache.get(this.#cacheKey(message))
    if (cached) return cached
    const rows = await db
      .from('message_variants')
      .where('message_id', message.id)
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
    this.#cache.set(this.#cacheKey(message), variants)
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
  static async forSending(message: Message, channel: Channel) {
    let variants = await this.load(message)
    if (!variants.has(key(channel.id, DEFAULT_LANGUAGE))) {
      await this.prepare(message, [channel], [])
      this.#forget(message)
      variants = await this.load(message)
    }
    return variants
  }
}
