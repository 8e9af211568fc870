import type { RecipientLinkGroup } from '#services/messaging/recipient_links'
import ReplyLinks from '#services/engagement/replies/reply_links'

/**
 * "Reply to the sender" in every alert's email footer and beside it in the
 * resident's list of alerts received, registered with messaging at boot
 * (start/registries.ts). Per recipient this is one slot of the
 * recipient's one signature (SignedAlertLinks).
 */
export const replyRecipientLinks: RecipientLinkGroup = {
  prompt: 'Something to tell the people who sent this alert?',
  links: [{ key: 'reply', label: 'Reply to the sender' }],
  urls: (residentId, alertId) => ({ reply: ReplyLinks.url(residentId, alertId) }),
}
