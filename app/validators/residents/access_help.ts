import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

/** The form for a resident who cannot open the email they signed up with. */
export const accessHelpValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(100),
  address: vine.string().trim().minLength(2).maxLength(300),
  email: vine.string().trim().maxLength(254).email(),
  contact: vine.string().trim().minLength(3).maxLength(300),
})

accessHelpValidator.messagesProvider = new PlainEnglishMessages({
  'name.required': 'Enter your name',
  'name.minLength': 'Enter your name',
  'name.maxLength': 'Your name must be 100 characters or fewer',
  'address.required': 'Enter your postcode or your address',
  'address.minLength': 'Enter your postcode or your address',
  'address.maxLength': 'Your address must be 300 characters or fewer',
  'email.required': 'Enter the email address you signed up with',
  'email.maxLength': 'The email address must be 254 characters or fewer',
  'email': 'Enter the email address in the correct format, like name@example.com',
  'contact.required': 'Tell us how we can reach you, for example a phone number',
  'contact.minLength': 'Tell us how we can reach you, for example a phone number',
  'contact.maxLength': 'How to reach you must be 300 characters or fewer',
})
