import type { VerifiableContactKind } from '#contracts/verification'
import type { CheckResult, SendResult } from '#services/residents/contacts/contact_verification'

/** How each kind of number is named on the resident's pages. */
export const NUMBER_WORDS: Record<
  VerifiableContactKind,
  { noun: string; title: string; example: string; how: string }
> = {
  mobile: {
    noun: 'mobile number',
    title: 'Your mobile number',
    example: '07400 123456',
    how: 'We will send a text message with a 6-digit code to it.',
  },
  landline: {
    noun: 'landline number',
    title: 'Your landline number',
    example: '020 7946 0123',
    how: 'We will call it, and a recorded voice will read out a 6-digit code.',
  },
}

/** Why a typed number was refused, beside the field. */
export function numberRefusal(
  kind: VerifiableContactKind,
  typed: string,
  reason: 'malformed' | 'not_uk' | 'wrong_type'
) {
  const words = NUMBER_WORDS[kind]
  if (!typed.trim()) return `Enter your ${words.noun}`
  if (reason === 'not_uk') return `Enter a UK ${words.noun}: alerts can only be sent to UK numbers`
  if (reason === 'wrong_type') {
    return kind === 'mobile'
      ? 'Enter a UK mobile number, starting 07 (this looks like a landline, which cannot receive text messages)'
      : 'Enter a UK landline number, starting 01, 02 or 03 (for a mobile, add it as your mobile number)'
  }
  return `Enter a ${words.noun} like ${words.example}`
}

/** Why no code was sent, beside the number. The same whoever else holds the number. */
export function sendRefusal(
  kind: VerifiableContactKind,
  state: Exclude<SendResult['state'], 'sent'>
) {
  const words = NUMBER_WORDS[kind]
  if (state === 'rate_limited') {
    return 'You have asked for 3 codes in the last hour. Wait an hour, then ask for a new one'
  }
  if (state === 'number_rate_limited') {
    // Says nothing of who else may have asked, or whether anyone holds the number.
    return 'This number has been sent as many codes as we allow in an hour. Wait an hour, then ask for a new one'
  }
  if (state === 'unavailable') {
    return `Codes cannot be sent to a ${words.noun} at the moment. Try again another day`
  }
  return `The code could not be sent just now. Check the number and try again in a few minutes`
}

/** Why a typed code was not accepted, beside the code field. */
export function codeRefusal(
  _kind: VerifiableContactKind,
  result: Exclude<CheckResult, { state: 'verified' }>
) {
  if (result.state === 'wrong') {
    return `That code is not right. Check it and try again: you have ${result.triesLeft} ${result.triesLeft === 1 ? 'try' : 'tries'} left`
  }
  if (result.state === 'no_tries_left') {
    return 'That code has been tried 5 times, so it no longer works. Ask for a new code'
  }
  return 'That code has expired (codes work for 10 minutes). Ask for a new code'
}
