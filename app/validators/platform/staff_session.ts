import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

export const staffLoginValidator = vine.create({
  email: vine.string().trim().maxLength(254).email(),
  password: vine.string().minLength(1).maxLength(200),
})

staffLoginValidator.messagesProvider = new PlainEnglishMessages({
  'email.required': 'Enter your email address',
  'email': 'Enter an email address in the correct format, like name@example.com',
  'password.required': 'Enter your password',
  'password': 'Enter your password',
})
