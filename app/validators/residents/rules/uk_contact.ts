import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import PostcodeLookup from '#services/areas/postcode_lookup'

/** A UK postcode, passed on normalised ("pe216zz" becomes "PE21 6ZZ"). */
export const ukPostcode = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    const postcode = PostcodeLookup.normalise(value)
    if (!postcode) return field.report('Enter a full UK postcode', 'ukPostcode', field)
    field.mutate(postcode, field)
  }
)

/** A UK mobile number, passed on in E.164. */
export const ukMobile = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    const result = PhoneNumbers.mobile(value)
    if (result.valid) return field.mutate(result.e164, field)
    if (result.reason === 'wrong_type') {
      return field.report('This is not a mobile number', 'landlineAsMobile', field)
    }
    field.report('Enter a UK mobile number', 'ukMobile', field)
  }
)

/** A UK landline number, passed on in E.164. */
export const ukLandline = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    const result = PhoneNumbers.landline(value)
    if (result.valid) return field.mutate(result.e164, field)
    if (result.reason === 'wrong_type') {
      return field.report('This is not a landline number', 'mobileAsLandline', field)
    }
    field.report('Enter a UK landline number', 'ukLandline', field)
  }
)
