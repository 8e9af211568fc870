import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { ALERT_CATEGORY_SLUGS } from '#services/messaging/alert_categories'
import { CRITERIA_MESSAGES, criteriaFields } from '#validators/targeting/criteria'

export const alertValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(150),
  body: vine.string().trim().minLength(1).maxLength(5000),
  priority: vine.number().withoutDecimals().range([1, 5]),
  category: vine.enum(ALERT_CATEGORY_SLUGS).optional(),
  // An unticked checkbox sends nothing, so a missing value means "do not publish".
  isPublic: vine.boolean().optional(),
  ...criteriaFields(true),
})

alertValidator.messagesProvider = new PlainEnglishMessages({
  'title.required': 'Enter a title',
  'title.minLength': 'Enter a title',
  'title.maxLength': 'The title must be 150 characters or fewer',
  'body.required': 'Enter the alert text',
  'body.minLength': 'Enter the alert text',
  'body.maxLength': 'The alert text must be 5,000 characters or fewer',
  'priority.required': 'Choose a priority',
  'priority': 'Choose a priority from 1 to 5',
  'category': 'Choose a category from the list',
  'isPublic': 'Choose whether to publish the alert in the public archive',
  ...CRITERIA_MESSAGES,
})
