import vine from '@vinejs/vine'
import { areasExist } from '#validators/rules/areas_exist'
import { PlainEnglishMessages } from '#validators/plain_english_messages'
import { ALERT_CATEGORY_SLUGS } from '#services/alert_categories'

export const messageValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(150),
  body: vine.string().trim().minLength(1).maxLength(5000),
  priority: vine.number().withoutDecimals().range([1, 5]),
  areaIds: vine
    .array(vine.number().withoutDecimals().positive())
    .minLength(1)
    .distinct()
    .maxLength(500)
    .use(areasExist()),
  category: vine.enum(ALERT_CATEGORY_SLUGS).optional(),
  // An unticked checkbox sends nothing, so a missing value means "do not publish".
  isPublic: vine.boolean().optional(),
})

messageValidator.messagesProvider = new PlainEnglishMessages({
  'title.required': 'Enter a title',
  'title.minLength': 'Enter a title',
  'title.maxLength': 'The title must be 150 characters or fewer',
  'body.required': 'Enter the message',
  'body.minLength': 'Enter the message',
  'body.maxLength': 'The message must be 5,000 characters or fewer',
  'priority.required': 'Choose a priority',
  'priority': 'Choose a priority from 1 to 5',
  'areaIds.required': 'Choose at least one area',
  'areaIds.minLength': 'Choose at least one area',
  'areaIds.maxLength': 'Choose 500 areas or fewer',
  'areaIds.areasExist': 'One of the chosen areas no longer exists. Choose the areas again',
  'areaIds': 'Choose the areas from the list',
  'areaIds.*': 'Choose the areas from the list',
  'category': 'Choose a category from the list',
  'isPublic': 'Choose whether to publish the alert in the public archive',
})

export const audienceCountValidator = vine.create({
  priority: vine.number().withoutDecimals().range([1, 5]).optional(),
  areaIds: vine.array(vine.number().withoutDecimals().positive()).maxLength(500).optional(),
})
