import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

export const FROM_NAME_MAX_LENGTH = 60

const LINK_OR_MARKUP = /https?:|www\.|\.(com|net|org|uk|io|ru)\b|[<>]/i

/** A name, not a message: no web address to lure the neighbour with, no markup. */
const plainName = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value === 'string' && LINK_OR_MARKUP.test(value)) {
    field.report('Enter your name only', 'plainName', field)
  }
})

/** The neighbour's address and the name they know the resident by. */
export const shareByEmailValidator = vine.create({
  email: vine.string().trim().maxLength(254).email(),
  fromName: vine.string().trim().minLength(1).maxLength(FROM_NAME_MAX_LENGTH).use(plainName()),
})

shareByEmailValidator.messagesProvider = new PlainEnglishMessages({
  'email.required': 'Enter your neighbour’s email address',
  'email.maxLength': 'The email address must be 254 characters or fewer',
  'email': 'Enter an email address in the correct format, like name@example.com',
  'fromName.required': 'Enter your name, so your neighbour knows who sent it',
  'fromName.minLength': 'Enter your name, so your neighbour knows who sent it',
  'fromName.maxLength': `Your name must be ${FROM_NAME_MAX_LENGTH} characters or fewer`,
  'fromName.plainName': 'Enter your name only, without a web address or < and > signs',
  'fromName': 'Enter your name as text',
})
