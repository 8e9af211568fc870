/**
 * What an alert is about. The list is fixed so that the public archive, its
 * feeds and the API filter by the same words on every install; `cap` is the
 * CAP 1.2 <category> that systems reading our CAP feed understand.
 */
export const ALERT_CATEGORIES = {
  'burglary': { label: 'Burglary', cap: 'Security' },
  'fraud-and-scams': { label: 'Fraud and scams', cap: 'Security' },
  'anti-social-behaviour': { label: 'Anti-social behaviour', cap: 'Security' },
  'road-safety': { label: 'Road safety', cap: 'Transport' },
  'fire-safety': { label: 'Fire safety', cap: 'Fire' },
  'rural-crime': { label: 'Rural crime', cap: 'Security' },
  'missing-person': { label: 'Missing person', cap: 'Rescue' },
  'community-news': { label: 'Community news', cap: 'Other' },
  'other': { label: 'Other', cap: 'Other' },
} as const

export type AlertCategory = keyof typeof ALERT_CATEGORIES

export const ALERT_CATEGORY_SLUGS = Object.keys(ALERT_CATEGORIES) as AlertCategory[]

export function isAlertCategory(value: unknown): value is AlertCategory {
  return typeof value === 'string' && Object.hasOwn(ALERT_CATEGORIES, value)
}

/** The label people read; an alert saved before categories existed has none. */
export function categoryLabel(slug: string | null | undefined) {
  return isAlertCategory(slug) ? ALERT_CATEGORIES[slug].label : null
}
