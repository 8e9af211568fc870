import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

export const apiTokenValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(100),
})

apiTokenValidator.messagesProvider = new PlainEnglishMessages({
  'name.required': 'Enter a name for the token',
  'name.minLength': 'Enter a name for the token',
  'name.maxLength': 'The name must be 100 characters or fewer',
  'name': 'Enter a name for the token',
})
