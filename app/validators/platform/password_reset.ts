import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

export const forgottenPasswordValidator = vine.create({
  email: vine.string().trim().maxLength(254).email(),
})

forgottenPasswordValidator.messagesProvider = new PlainEnglishMessages({
  'email.required': 'Enter your email address',
  'email': 'Enter an email address in the correct format, like name@example.com',
})

export const newPasswordValidator = vine.create({
  password: vine.string().minLength(12).maxLength(200).confirmed({ as: 'passwordConfirmation' }),
})

newPasswordValidator.messagesProvider = new PlainEnglishMessages({
  'password.required': 'Enter a new password',
  'password.minLength': 'Your new password must be at least 12 characters long',
  'password.maxLength': 'Your new password must be 200 characters or fewer',
  'passwordConfirmation.confirmed': 'The two passwords do not match',
  'password': 'Enter a new password',
})
