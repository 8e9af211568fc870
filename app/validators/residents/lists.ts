import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { SCHEME_KINDS, type SchemeKind } from '#models/residents/scheme'

export const interestValidator = vine.withMetaData<{ interestId?: number }>().create({
  name: vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(80)
    .unique({
      table: 'interests',
      column: 'name',
      caseInsensitive: true,
      filter: (query, _value, field) => {
        if (field.meta.interestId) query.whereNot('id', field.meta.interestId)
      },
    }),
  description: vine.string().trim().maxLength(300).optional(),
  position: vine.number().withoutDecimals().range([0, 9999]).optional(),
})

interestValidator.messagesProvider = new PlainEnglishMessages({
  'name.required': 'Enter the name of the interest',
  'name.minLength': 'Enter the name of the interest',
  'name.maxLength': 'The name must be 80 characters or fewer',
  'name.database.unique': 'There is already an interest with this name',
  'description': 'The description must be 300 characters or fewer',
  'position': 'Enter the position as a whole number from 0 to 9999',
})

export const schemeValidator = vine.withMetaData<{ schemeId?: number }>().create({
  name: vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(120)
    .unique({
      table: 'schemes',
      column: 'name',
      caseInsensitive: true,
      filter: (query, _value, field) => {
        query.where('kind', String(field.parent.kind ?? ''))
        if (field.meta.schemeId) query.whereNot('id', field.meta.schemeId)
      },
    }),
  kind: vine.enum(Object.keys(SCHEME_KINDS) as SchemeKind[]),
  areaId: vine
    .number()
    .withoutDecimals()
    .positive()
    .exists({ table: 'areas', column: 'id' })
    .optional(),
})

schemeValidator.messagesProvider = new PlainEnglishMessages({
  'name.required': 'Enter the name of the scheme',
  'name.minLength': 'Enter the name of the scheme',
  'name.maxLength': 'The name must be 120 characters or fewer',
  'name.database.unique': 'There is already a scheme of this kind with this name',
  'kind.required': 'Choose the kind of scheme',
  'kind': 'Choose the kind of scheme from the list',
  'areaId': 'Choose the area from the list',
})
