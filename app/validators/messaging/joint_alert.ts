import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

/** The organisation invited to co-sign a draft. */
export const cosignerValidator = vine.create({
  organisationId: vine.number().withoutDecimals().positive(),
})

cosignerValidator.messagesProvider = new PlainEnglishMessages({
  'organisationId.required': 'Choose the organisation to invite',
  'organisationId': 'Choose the organisation to invite',
})

/** Why the co-signer declines. */
export const declineReasonValidator = vine.create({
  reason: vine.string().trim().minLength(1).maxLength(2000),
})

declineReasonValidator.messagesProvider = new PlainEnglishMessages({
  'reason.required': 'Enter the reason you decline, for the organisation that invited you',
  'reason.minLength': 'Enter the reason you decline, for the organisation that invited you',
  'reason.maxLength': 'The reason must be 2,000 characters or fewer',
  'reason': 'Enter the reason you decline, for the organisation that invited you',
})
