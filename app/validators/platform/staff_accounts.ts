import vine from '@vinejs/vine'
import { ROLES } from '#models/platform/membership'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

export const twoFactorCodeValidator = vine.create({
  code: vine.string().trim().minLength(1).maxLength(40),
})

twoFactorCodeValidator.messagesProvider = new PlainEnglishMessages({
  code: 'Enter the 6-digit code from your authenticator app',
})

export const invitationValidator = vine.create({
  email: vine.string().trim().maxLength(254).email(),
  role: vine.enum(ROLES),
})

invitationValidator.messagesProvider = new PlainEnglishMessages({
  'email.required': 'Enter their email address',
  'email': 'Enter an email address in the correct format, like name@example.com',
  'role': 'Choose a role',
})

export const newStaffAccountValidator = vine.create({
  fullName: vine.string().trim().minLength(1).maxLength(150),
  password: vine.string().minLength(12).maxLength(200).confirmed({ as: 'passwordConfirmation' }),
})

newStaffAccountValidator.messagesProvider = new PlainEnglishMessages({
  'fullName.maxLength': 'Your name must be 150 characters or fewer',
  'fullName': 'Enter your name',
  'password.required': 'Enter a password',
  'password.minLength': 'Your password must be at least 12 characters long',
  'password.maxLength': 'Your password must be 200 characters or fewer',
  'passwordConfirmation.confirmed': 'The two passwords do not match',
  'password': 'Enter a password',
})

export const roleValidator = vine.create({
  role: vine.enum(ROLES),
})

roleValidator.messagesProvider = new PlainEnglishMessages({
  role: 'Choose a role',
})

/** Proof that the person at the keyboard is the account holder, before a sensitive change. */
export const reauthenticationValidator = vine.create({
  password: vine.string().minLength(1).maxLength(200),
  code: vine.string().trim().minLength(1).maxLength(40),
})

reauthenticationValidator.messagesProvider = new PlainEnglishMessages({
  password: 'Enter your password',
  code: 'Enter the 6-digit code from your authenticator app',
})
