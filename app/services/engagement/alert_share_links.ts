import type { HttpRequest } from '@adonisjs/core/http'
import env from '#start/env'
import type { RecipientLinkGroup } from '#services/messaging/recipient_links'
import { SignedAlertLinks } from '#services/engagement/signed_alert_links'

/**
 * The message verifier's purpose for share links signed on their own (links sent before 2026-12-07):
 * no other signed link's signature fits them. The email's links are told apart by their
 * slot in SignedAlertLinks.
 */
export const SHARE_PURPOSE = 'alert-share'
export const SHARE_LINK_DAYS = 90

const links = new SignedAlertLinks(SHARE_PURPOSE, SHARE_LINK_DAYS, 'share', 3)

/**
 * The resident's "Share it with a neighbour" page for one alert, signed for
 * them (/alerts/:alertId/share/:residentId/:expires), so that what they
 * share is counted as theirs without signing in.
 */
export default class AlertShareLinks {
  static page(residentId: number, alertId: number, expires = links.expiry()) {
    return links.page(residentId, alertId, expires)
  }

  static isSigned(request: HttpRequest) {
    return links.isSigned(request)
  }

  static isExpired(expires: string) {
    return links.isExpired(expires)
  }
}

/** The share link in every alert's email footer (registered in start/registries.ts). */
export const shareRecipientLinks: RecipientLinkGroup = {
  prompt: 'Know someone nearby who should see this?',
  links: [{ key: 'share', label: 'Share it with a neighbour' }],
  urls: (residentId, alertId) => ({
    share: `${env.get('APP_URL').replace(/\/$/, '')}${AlertShareLinks.page(residentId, alertId)}`,
  }),
}
