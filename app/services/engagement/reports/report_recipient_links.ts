import type { RecipientLinkGroup } from '#services/messaging/recipient_links'
import ReportLinks from '#services/engagement/reports/report_links'

/**
 * "Tell us something about this alert" in every alert's email footer and in
 * the resident's list of alerts received, registered at boot (start/registries.ts).
 */
export const reportRecipientLinks: RecipientLinkGroup = {
  prompt: 'Seen or know something about this?',
  links: [{ key: 'report', label: 'Tell us something about this alert' }],
  urls: (residentId, alertId) => ({ report: ReportLinks.url(residentId, alertId) }),
}
