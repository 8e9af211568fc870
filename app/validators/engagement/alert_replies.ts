import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { REPLY_KINDS, REPLY_MAX_LENGTH, REPLY_STATES } from '#models/engagement/alert_reply'
import { REPLY_SORTS } from '#services/engagement/replies/reply_directory'

const keys = <T extends object>(labels: T) => Object.keys(labels) as (keyof T & string)[]

/** The resident's reply, from the signed form. */
export const replyValidator = vine.create({
  body: vine.string().trim().minLength(1).maxLength(REPLY_MAX_LENGTH),
})

replyValidator.messagesProvider = new PlainEnglishMessages({
  'body.required': 'Write your reply',
  'body.minLength': 'Write your reply',
  'body.maxLength': `Your reply must be ${REPLY_MAX_LENGTH} characters or fewer`,
  'body': 'Write your reply as text',
})

/** Staff's answer to a resident, emailed to them. */
export const answerValidator = vine.create({
  body: vine.string().trim().minLength(1).maxLength(REPLY_MAX_LENGTH),
})

answerValidator.messagesProvider = new PlainEnglishMessages({
  'body.required': 'Write your answer to the resident',
  'body.minLength': 'Write your answer to the resident',
  'body.maxLength': `Your answer must be ${REPLY_MAX_LENGTH} characters or fewer`,
  'body': 'Write your answer as text',
})

export const assignValidator = vine.create({
  userId: vine.number().withoutDecimals().positive(),
})

assignValidator.messagesProvider = new PlainEnglishMessages({
  userId: 'Choose who will deal with this reply',
})

export const inboxFiltersValidator = vine.create({
  q: vine
    .string()
    .trim()
    .transform((value) => value.slice(0, 100))
    .optional(),
  state: vine.enum(REPLY_STATES).optional(),
  kind: vine.enum(REPLY_KINDS).optional(),
  sort: vine.enum(keys(REPLY_SORTS)).optional(),
  page: vine.number().withoutDecimals().positive().optional(),
})

inboxFiltersValidator.messagesProvider = new PlainEnglishMessages({
  state: 'Choose a state from the list',
  kind: 'Choose replies or reports from the list',
  sort: 'Choose an order from the list',
  page: 'Choose a page from the list',
})
