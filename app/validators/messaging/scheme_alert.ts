import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

/** A coordinator's alert to their scheme: only its words; its audience is the scheme. */
export const schemeAlertValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(150),
  body: vine.string().trim().minLength(1).maxLength(5000),
})

schemeAlertValidator.messagesProvider = new PlainEnglishMessages({
  'title.required': 'Enter a title',
  'title.minLength': 'Enter a title',
  'title.maxLength': 'The title must be 150 characters or fewer',
  'body.required': 'Enter the alert text',
  'body.minLength': 'Enter the alert text',
  'body.maxLength': 'The alert text must be 5,000 characters or fewer',
})
