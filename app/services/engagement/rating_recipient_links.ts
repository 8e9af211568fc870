import type { RecipientLinkGroup } from '#services/messaging/recipient_links'
import { RATINGS, RATING_LABELS } from '#models/engagement/alert_rating'
import AlertRatingLinks from '#services/engagement/alert_rating_links'

/**
 * The rating links in every alert's email footer, registered with messaging
 * at boot (start/registries.ts). Per recipient this is one slot of the
 * recipient's one signature (SignedAlertLinks) and
 * three concatenations (AlertRatingLinks).
 */
export const ratingRecipientLinks: RecipientLinkGroup = {
  prompt: 'Was this alert useful? Tell us with one click:',
  links: RATINGS.map((rating) => ({ key: rating, label: RATING_LABELS[rating] })),
  urls: (residentId, alertId) => AlertRatingLinks.choices(residentId, alertId),
}
