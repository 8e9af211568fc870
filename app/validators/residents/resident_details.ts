import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { postcode, wardId } from '#validators/residents/sign_up'

export const residentNameValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(100),
})

residentNameValidator.messagesProvider = new PlainEnglishMessages({
  'name.required': 'Enter your name',
  'name.minLength': 'Enter your name',
  'name.maxLength': 'Your name must be 100 characters or fewer',
})

export const residentEmailValidator = vine.create({
  email: vine.string().trim().maxLength(254).email().toLowerCase(),
})

residentEmailValidator.messagesProvider = new PlainEnglishMessages({
  'email.required': 'Enter your new email address',
  'email.maxLength': 'Your email address must be 254 characters or fewer',
  'email': 'Enter an email address in the correct format, like name@example.com',
})

/** Where the resident lives now: a postcode, or a ward from the list. */
export const residentHomeValidator = vine.create({
  findBy: vine.enum(['postcode', 'ward'] as const),
  postcode: postcode().optional().requiredWhen('findBy', '=', 'postcode'),
  wardId: wardId().optional().requiredWhen('findBy', '=', 'ward'),
})

residentHomeValidator.messagesProvider = new PlainEnglishMessages({
  'findBy': 'Choose how to tell us where you live: by postcode or from the ward list',
  'postcode.required': 'Enter your postcode',
  'postcode': 'Enter a full UK postcode',
  'wardId.required': 'Choose the ward where you live',
  'wardId': 'Choose the ward where you live from the list',
})
