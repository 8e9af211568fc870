import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max'

export type PhoneCheck =
  { valid: true; e164: string } | { valid: false; reason: 'malformed' | 'not_uk' | 'wrong_type' }

const UK_CALLING_CODE = '44'
const MOBILE_TYPES: NumberType[] = ['MOBILE']
// 056 numbers are home lines carried over broadband.
const LANDLINE_TYPES: NumberType[] = ['FIXED_LINE', 'FIXED_LINE_OR_MOBILE', 'VOIP']

function check(input: string, types: NumberType[]): PhoneCheck {
  // The parser skips letters and trailing text; a resident's typo must not pass as a number.
  if (!/^\+?[0-9 ().-]{6,25}$/.test(input.trim())) return { valid: false, reason: 'malformed' }
  const parsed = parsePhoneNumberFromString(input, 'GB')
  if (!parsed || !parsed.isValid()) return { valid: false, reason: 'malformed' }
  // +44 also covers the Channel Islands and the Isle of Man, whose numbers look the same.
  if (parsed.countryCallingCode !== UK_CALLING_CODE) return { valid: false, reason: 'not_uk' }
  const type = parsed.getType()
  if (!type || !types.includes(type)) return { valid: false, reason: 'wrong_type' }
  return { valid: true, e164: parsed.number }
}

/**
 * UK phone numbers as residents type them ("07400 123456", "+44 7400
 * 123456") in E.164 ("+447400123456"), so that one number is stored one way.
 */
export default class PhoneNumbers {
  static mobile(input: string) {
    return check(input, MOBILE_TYPES)
  }

  static landline(input: string) {
    return check(input, LANDLINE_TYPES)
  }

  /** "07400 123456" for a UK number kept as "+447400123456". */
  static display(e164: string | null | undefined) {
    if (!e164) return ''
    return parsePhoneNumberFromString(e164)?.formatNational() ?? e164
  }
}
