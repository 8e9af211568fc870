import type { DateTime } from 'luxon'
import env from '#start/env'
import type Area from '#models/areas/area'
import type Alert from '#models/messaging/alert'
import { categoryLabel } from '#services/messaging/alert_categories'
import { markdownToHtml, markdownToText } from '#services/messaging/alert_markdown'

export const PUBLIC_TIME_ZONE = 'Europe/London'

/** Residents read priorities by colour as well as by word. */
const PRIORITY_TAGS: Record<number, string> = {
  1: 'govuk-tag--grey',
  2: 'govuk-tag--blue',
  3: 'govuk-tag--yellow',
  4: 'govuk-tag--orange',
  5: 'govuk-tag--red',
}

export interface PublicAlertView {
  id: number
  url: string
  path: string
  capUrl: string
  title: string
  /** The sender's Markdown. */
  body: string
  /** The body as sanitised HTML (a safe subset), for pages and feeds. */
  bodyHtml: string
  /** The body as plain text, for CAP and summaries. */
  bodyText: string
  excerpt: string
  priority: number
  priorityLabel: string
  priorityTag: string
  category: string | null
  categoryLabel: string | null
  organisationId: number
  organisationName: string
  areas: { code: string; name: string; level: string }[]
  areaNames: string
  /** The reference code residents check at /verify ("K7Q4-M2XD"). */
  verificationCode: string | null
  sentAt: DateTime
  sentIso: string
  sentLabel: string
}

/** A full address on this install, for links that leave the site (feeds, Open Graph, CAP). */
export function absoluteUrl(path: string) {
  return new URL(path, env.get('APP_URL')).href
}

/** The body as one line of plain text, cut at a word: for previews and og:description. */
export function excerpt(text: string, length = 200) {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= length) return flat
  const cut = flat.slice(0, length - 1)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s.,;:–-]+$/, '')}…`
}

/** "3 June 2025 at 2:05pm", as a resident in the UK reads the time. */
export function londonTimeLabel(time: DateTime) {
  const local = time.setZone(PUBLIC_TIME_ZONE)
  return `${local.toFormat('d MMMM yyyy')} at ${local.toFormat('h:mma').toLowerCase()}`
}

/**
 * The same in the visitor's language: "3 Mehefin 2025 am 2:05yp" in Welsh
 * (Luxon names the months; "yb"/"yp" are how Welsh writes am and pm).
 */
export function localisedTimeLabel(
  time: DateTime,
  i18n: { locale: string; t: (key: string, data?: Record<string, unknown>) => string }
) {
  if (i18n.locale !== 'cy') return londonTimeLabel(time)
  const local = time.setZone(PUBLIC_TIME_ZONE).setLocale('cy')
  const period = local.hour < 12 ? 'yb' : 'yp'
  return i18n.t('archive.sent_at', {
    date: local.toFormat('d MMMM yyyy'),
    time: `${local.toFormat('h:mm')}${period}`,
  })
}

/**
 * What the public archive, its feeds and the CAP documents say about a sent
 * alert. It is published when its send completes, so that is its date.
 */
export function presentAlert(alert: Alert, areas: Area[]): PublicAlertView {
  const sentAt = (alert.completedAt ?? alert.updatedAt).setZone(PUBLIC_TIME_ZONE)
  const path = `/alerts/${alert.id}`
  const bodyText = alert.bodyText ?? markdownToText(alert.body)
  return {
    id: alert.id,
    path,
    url: absoluteUrl(path),
    capUrl: absoluteUrl(`${path}.cap`),
    title: alert.title,
    body: alert.body,
    // Rendered when the alert was saved; an alert saved before that column existed is rendered now.
    bodyHtml: alert.bodyHtml ?? markdownToHtml(alert.body),
    bodyText,
    excerpt: excerpt(bodyText),
    priority: alert.priority,
    priorityLabel: alert.priorityLabel,
    priorityTag: PRIORITY_TAGS[alert.priority] ?? 'govuk-tag--grey',
    category: alert.category,
    categoryLabel: categoryLabel(alert.category),
    organisationId: alert.organisationId,
    organisationName: alert.fromNames,
    areas: areas.map((area) => ({ code: area.code, name: area.name, level: area.level })),
    areaNames: areas.map((area) => area.name).join(', '),
    verificationCode: alert.verificationCodeLabel,
    sentAt,
    sentIso: sentAt.toISO({ suppressMilliseconds: true })!,
    sentLabel: londonTimeLabel(sentAt),
  }
}
