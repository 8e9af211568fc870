import type { AlertBranding, ChannelVariant, RenderableAlert } from '#contracts/channel'
import { ALERT_FIXED_TEXTS, type AlertFixedTexts } from '#contracts/alert_hooks'
import type Alert from '#models/messaging/alert'
import i18nManager from '@adonisjs/i18n/services/main'
import type Organisation from '#models/platform/organisation'
import { markdownToHtml, markdownToText } from '#services/messaging/alert_markdown'
import { absoluteUrl, excerpt } from '#services/messaging/public_alert_view'
import { verificationOf } from '#services/messaging/verification/alert_verification'
import {
  DEFAULT_BRAND_COLOUR,
  logoPath,
} from '#services/platform/organisations/organisation_branding'

/** A translation of the alert's words, as an alert hook returns it. */
export interface AlertWords {
  title: string
  body: string
  texts?: Partial<AlertFixedTexts>
  direction?: 'ltr' | 'rtl'
}

export const PUSH_BODY_LENGTH = 120

export function brandingOf(organisation: Organisation): AlertBranding {
  return {
    organisationName: organisation.name,
    senderName: organisation.senderName || organisation.name,
    // It goes into a style attribute: only a checked "#rrggbb" gets there.
    colour: /^#[0-9a-f]{6}$/i.test(organisation.brandColour ?? '')
      ? organisation.brandColour!
      : DEFAULT_BRAND_COLOUR,
    footer: organisation.emailFooter || null,
    logoUrl: organisation.logoFile ? absoluteUrl(logoPath(organisation.logoFile)) : null,
  }
}

/** The sender's branding; a joint alert is from both organisations, by name and as the sender. */
function jointBranding(alert: Alert): AlertBranding {
  const branding = brandingOf(alert.organisation)
  if (!alert.isJoint) return branding
  return { ...branding, organisationName: alert.fromNames, senderName: alert.fromNames }
}

/** The fixed words in English, with those a translation gave in their place. */
function fixedTexts(translated: Partial<AlertFixedTexts> = {}): AlertFixedTexts {
  const texts: AlertFixedTexts = { ...ALERT_FIXED_TEXTS }
  for (const name of Object.keys(texts) as (keyof AlertFixedTexts)[]) {
    const text = translated[name]
    if (typeof text === 'string' && text.trim()) texts[name] = text.trim()
  }
  return texts
}

/**
 * The fixed words in a language the core has its own words for
 * (resources/lang/<language>/emails.json, "alert"): a person's translation,
 * which wins over a machine's. Empty for English and for other languages.
 */
export function coreFixedTexts(language: string): Partial<AlertFixedTexts> {
  if (language === 'en' || !i18nManager.supportedLocales().includes(language)) return {}
  const i18n = i18nManager.locale(language)
  const texts: Partial<AlertFixedTexts> = {}
  for (const name of Object.keys(ALERT_FIXED_TEXTS) as (keyof AlertFixedTexts)[]) {
    if (i18n.hasMessage(`emails.alert.${name}`)) texts[name] = i18n.t(`emails.alert.${name}`)
  }
  return texts
}

/**
 * The alert ready for a channel to render: its body as HTML and as text,
 * and the organisation's branding. Expects alert.organisation loaded.
 */
export function renderableAlert(alert: Alert, words?: AlertWords): RenderableAlert {
  const title = words?.title ?? alert.title
  const body = words?.body ?? alert.body
  return {
    id: alert.id,
    title,
    bodyMarkdown: body,
    bodyHtml: markdownToHtml(body),
    bodyText: markdownToText(body),
    priority: alert.priority,
    priorityLabel: alert.priorityLabel,
    // A joint alert is from both organisations: the email's header, the SMS, the voice script and push alike.
    branding: jointBranding(alert),
    publicUrl: alert.isPublic ? absoluteUrl(`/alerts/${alert.id}`) : null,
    alertsUrl: absoluteUrl('/my-alerts/received'),
    verification: verificationOf(alert),
    texts: fixedTexts(words?.texts),
    direction: words?.direction === 'rtl' ? 'rtl' : 'ltr',
  }
}

function sentence(text: string) {
  const trimmed = text.trim()
  return /[.!?…:]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/** An SMS: who it is from, how urgent, the title and the body as plain text. */
export function smsVariant(alert: RenderableAlert): ChannelVariant {
  return {
    text: `${alert.branding.organisationName} (${alert.priorityLabel}): ${sentence(alert.title)}\n${alert.bodyText}`,
  }
}

/**
 * What a voice call reads out, in sentences: list markers and link
 * addresses are left out, line breaks become pauses.
 */
export function voiceScript(alert: RenderableAlert): string {
  const priority = alert.priorityLabel.toLowerCase()
  const article = /^[aeiou]/.test(priority) ? 'an' : 'a'
  const body = alert.bodyText
    .replace(/^\s*(?:[-*]|\d+\.)\s+/gm, '')
    .replace(/\s*\((?:https?:\/\/|mailto:)?[^\s()]+[@/][^\s()]*\)/g, '')
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(sentence)
    .join(' ')
  return [
    `This is ${article} ${priority} alert from ${alert.branding.organisationName}.`,
    sentence(alert.title),
    body,
  ]
    .filter(Boolean)
    .join(' ')
}

export function voiceVariant(alert: RenderableAlert): ChannelVariant {
  return { text: voiceScript(alert) }
}

/** A push notification: the title, the body cut to fit, and where a tap leads. */
export function pushVariant(alert: RenderableAlert): ChannelVariant {
  return {
    subject: alert.title,
    text: excerpt(alert.bodyText, PUSH_BODY_LENGTH),
    url: alert.publicUrl ?? alert.alertsUrl,
  }
}
