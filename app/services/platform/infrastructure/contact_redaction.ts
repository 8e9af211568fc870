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

/** A value as a pattern that finds it in any case and however a number is spaced. */
function looseSpacing(value: string) {
  return value
    .split('')
    .filter((character) => !/[\s()-]/.test(character))
    .map((character) => character.replace(/[.*+?^${}|[\]\\]/g, '\\$&'))
    .join('[\\s()-]*')
}

/**
 * The text without the given values, in any case and however a number is
 * spaced, and without any other address or number: what erasure uses on
 * texts that only ever quote the resident (their own deliveries' errors).
 */
export function withoutValues(text: string, values: string[]) {
  let result = text
  for (const value of values) {
    const pattern = looseSpacing(value)
    if (pattern) result = result.replace(new RegExp(pattern, 'gi'), '[erased]')
  }
  return withoutContacts(result)
}

/**
 * The text without the given values where each stands as a whole word, and
 * nothing else changed: for texts that also quote other people (a search
 * for "sample" keeps its word when a resident called Sam is erased).
 */
export function withoutWholeValues(text: string, values: string[]) {
  let result = text
  for (const value of values) {
    const pattern = looseSpacing(value)
    if (!pattern) continue
    const whole = new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'giu')
    result = result.replace(whole, '[erased]')
  }
  return result
}
