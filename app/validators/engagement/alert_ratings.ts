import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { COMMENT_MAX_LENGTH, RATINGS } from '#models/engagement/alert_rating'
import { PERIODS } from '#services/engagement/rating_figures'

export const ratingValidator = vine.create({
  rating: vine.enum(RATINGS),
})

ratingValidator.messagesProvider = new PlainEnglishMessages({
  rating: 'Choose what you thought of this alert',
})

export const ratingCommentValidator = vine.create({
  comment: vine.string().trim().minLength(1).maxLength(COMMENT_MAX_LENGTH),
})

ratingCommentValidator.messagesProvider = new PlainEnglishMessages({
  'comment.required': 'Write your comment, or leave the page if you have none',
  'comment.minLength': 'Write your comment, or leave the page if you have none',
  'comment.maxLength': `Your comment must be ${COMMENT_MAX_LENGTH} characters or fewer`,
  'comment': 'Write your comment as text',
})

export const ratingReportValidator = vine.create({
  months: vine
    .number()
    .in([...PERIODS])
    .optional(),
})

ratingReportValidator.messagesProvider = new PlainEnglishMessages({
  months: 'Choose a period from the list',
})
