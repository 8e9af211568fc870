import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

export const returnCommentValidator = vine.create({
  comment: vine.string().trim().minLength(1).maxLength(2000),
})

returnCommentValidator.messagesProvider = new PlainEnglishMessages({
  'comment.required': 'Enter a comment that says what to change',
  'comment.minLength': 'Enter a comment that says what to change',
  'comment.maxLength': 'The comment must be 2,000 characters or fewer',
  'comment': 'Enter a comment that says what to change',
})
