/**
 * What an alert is about. The list is fixed so that the public archive, its
 * feeds and the API filter by the same words on every install; `cap` is the
 * CAP 1.2 <category> that systems reading our CAP feed understand.
 *
 * It is also the list of residents' interests: `interest` is the slug of the
 * interest residents choose to hear about the category (the install's default
 * interests, residents/lists/default_interests.ts, carry these slugs, and an
 * interest keeps its slug when an admin renames it). The composer suggests that
 * interest when the category is chosen. Community news and "other" are for
 * everyone, so they have none.
 */
export const ALERT_CATEGORIES = {
  'burglary': { label: 'Burglary', cap: 'Security', interest: 'burglary' },
  'fraud-and-scams': { label: 'Fraud and scams', cap: 'Security', interest: 'fraud-and-scams' },
  'anti-social-behaviour': {
    label: 'Anti-social behaviour',
    cap: 'Security',
    interest: 'anti-social-behaviour',
  },
  'road-safety': { label: 'Road safety', cap: 'Transport', interest: 'road-safety' },
  'fire-safety': { label: 'Fire safety', cap: 'Fire', interest: 'fire-safety' },
  'rural-crime': { label: 'Rural crime', cap: 'Security', interest: 'rural-crime' },
  'missing-person': { label: 'Missing person', cap: 'Rescue', interest: 'missing-people' },
  'cyber-crime': { label: 'Cyber crime', cap: 'Security', interest: 'cyber-crime' },
  'community-news': { label: 'Community news', cap: 'Other', interest: null },
  'other': { label: 'Other', cap: 'Other', interest: null },
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

/** The slug of the interest that matches the category, if it has one. */
export function categoryInterest(slug: string | null | undefined): string | null {
  return isAlertCategory(slug) ? ALERT_CATEGORIES[slug].interest : null
}
