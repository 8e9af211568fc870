/*
| Error texts from mail servers and providers often quote the recipient
| ("550 5.1.1 <ann@example.com>: Recipient address rejected"). Delivery rows
| outlive the resident's consent, so their error texts keep the reason and
| lose the address.
*/

const EMAIL_PATTERN = /[^\s<>"'()[\]@,;:]+@[^\s<>"'()[\]@,;:]+\.[a-z]{2,}/gi
// Ten or more digits, with the spaces, brackets and dashes people type: a UK or international number.
const PHONE_PATTERN = /\+?\d(?:[\s()-]*\d){9,}/g

/** The text without email addresses or phone numbers, for anything stored beside a delivery. */
export function withoutContacts(text: string) {
  return text.replace(EMAIL_PATTERN, '[address]').replace(PHONE_PATTERN, '[number]')
}

/**
 * The text without the given values, in any case and however a number is
 * spaced: what erasure uses on texts that may quote a resident.
 */
export function withoutValues(text: string, values: string[]) {
  let result = text
  for (const value of values) {
    const pattern = value
      .split('')
      .filter((character) => !/[\s()-]/.test(character))
      .map((character) => character.replace(/[.*+?^${}|[\]\\]/g, '\\$&'))
      .join('[\\s()-]*')
    if (pattern) result = result.replace(new RegExp(pattern, 'gi'), '[erased]')
  }
  return withoutContacts(result)
}
