import type { ContactField } from '#models/residents/contact_change'
import {
  CONTACT_LABELS,
  shownValue,
  type LinkSent,
} from '#services/residents/contacts/contact_changes'

/**
 * What staff are told after changing a resident's email address or phone
 * number: that it is not in use yet, and where the confirmation link went.
 */
export function pendingContactMessage(
  field: ContactField,
  sent: LinkSent,
  { newValue, currentEmail }: { newValue: string; currentEmail: string | null }
) {
  const label = CONTACT_LABELS[field]
  if (field === 'email') {
    return `We have emailed ${newValue} a link to confirm it. Until the resident confirms, ${
      currentEmail ? `alerts still go to ${currentEmail}` : 'no email goes to that address'
    }.`
  }
  const shown = shownValue(field, newValue)
  if (sent === 'nowhere') {
    return `The new ${label} ${shown} is waiting for the resident to confirm it, and is not used until then. They have no email address to confirm it from: ask them to add one.`
  }
  return `We have emailed the resident at ${currentEmail} a link to confirm their new ${label} ${shown}. It is not used until they confirm.`
}
