import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { CRITERIA_MESSAGES, segmentCriteriaFields } from '#validators/targeting/criteria'

/** Saving the builder's criteria under a name, from the compose or edit page. */
export const segmentValidator = vine.withMetaData<{ organisationId: number }>().create({
  segmentName: vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(100)
    .unique({
      table: 'segments',
      column: 'name',
      caseInsensitive: true,
      filter: (query, _value, field) => {
        query.where('organisation_id', field.meta.organisationId)
      },
    }),
  ...segmentCriteriaFields(),
})

segmentValidator.messagesProvider = new PlainEnglishMessages({
  'segmentName.required': 'Enter a name for the segment',
  'segmentName.minLength': 'Enter a name for the segment',
  'segmentName.maxLength': 'The segment name must be 100 characters or fewer',
  'segmentName.database.unique':
    'There is already a segment with this name. Choose another name, or delete the old segment first',
  'segmentName': 'Enter a name for the segment',
  ...CRITERIA_MESSAGES,
})

export const segmentSearchValidator = vine.create({
  q: vine
    .string()
    .trim()
    .transform((value) => value.slice(0, 100))
    .optional(),
  page: vine.number().withoutDecimals().positive().optional(),
})
