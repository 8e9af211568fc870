import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { ALERT_CATEGORY_SLUGS } from '#services/messaging/alert_categories'

export const alertTemplateValidator = vine
  .withMetaData<{ organisationId: number; templateId?: number }>()
  .create({
    name: vine
      .string()
      .trim()
      .minLength(1)
      .maxLength(100)
      .unique({
        table: 'alert_templates',
        column: 'name',
        caseInsensitive: true,
        filter: (query, _value, field) => {
          query.where('organisation_id', field.meta.organisationId)
          if (field.meta.templateId) query.whereNot('id', field.meta.templateId)
        },
      }),
    title: vine.string().trim().minLength(1).maxLength(150),
    body: vine.string().trim().minLength(1).maxLength(5000),
    priority: vine.number().withoutDecimals().range([1, 5]),
    category: vine.enum(ALERT_CATEGORY_SLUGS).optional(),
  })

alertTemplateValidator.messagesProvider = new PlainEnglishMessages({
  'name.required': 'Enter a name for the template',
  'name.minLength': 'Enter a name for the template',
  'name.maxLength': 'The name must be 100 characters or fewer',
  'name.database.unique': 'Your organisation already has a template with this name',
  'title.required': 'Enter the alert’s title',
  'title.minLength': 'Enter the alert’s title',
  'title.maxLength': 'The title must be 150 characters or fewer',
  'body.required': 'Enter the alert text',
  'body.minLength': 'Enter the alert text',
  'body.maxLength': 'The alert text must be 5,000 characters or fewer',
  'priority.required': 'Choose a priority',
  'priority': 'Choose a priority from 1 to 5',
  'category': 'Choose a category from the list',
})
