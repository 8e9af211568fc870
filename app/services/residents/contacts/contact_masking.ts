/**
 * A contact shown in part: enough for staff to tell two residents' contacts
 * apart or recognise one a resident reads out to them, not enough to copy
 * (a report's list of failures is read by staff who may not see residents).
 */
export function maskedEmail(email: string) {
  const at = email.lastIndexOf('@')
  if (at < 1) return '•••'
  return `${email[0]}•••@${email.slice(at + 1)}`
}

/** "+447400123456" → "•••456" */
export function maskedNumber(number: string) {
  const digits = number.replace(/\D/g, '')
  return digits.length < 3 ? '•••' : `•••${digits.slice(-3)}`
}
