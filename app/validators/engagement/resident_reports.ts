import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { REPLY_MAX_LENGTH } from '#models/engagement/alert_reply'

/** The words of a resident's report; its files are checked apart (ReportUpload). */
export const reportValidator = vine.create({
  organisationId: vine.number().withoutDecimals().positive(),
  body: vine.string().trim().minLength(1).maxLength(REPLY_MAX_LENGTH),
  place: vine.string().trim().maxLength(300).optional(),
  happenedAt: vine.string().trim().maxLength(100).optional(),
  contactPhone: vine
    .string()
    .trim()
    .maxLength(40)
    .regex(/^[0-9+() -]{6,40}$/)
    .optional(),
})

reportValidator.messagesProvider = new PlainEnglishMessages({
  'organisationId': 'Choose who to tell',
  'body.required': 'Tell us what happened',
  'body.minLength': 'Tell us what happened',
  'body.maxLength': `What happened must be ${REPLY_MAX_LENGTH} characters or fewer`,
  'body': 'Write what happened as text',
  'place.maxLength': 'Where it happened must be 300 characters or fewer',
  'happenedAt.maxLength': 'When it happened must be 100 characters or fewer',
  'contactPhone.regex': 'Enter a phone number using digits, like 01632 960 001',
  'contactPhone.maxLength': 'Enter a phone number using digits, like 01632 960 001',
})
