import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

/** The organisation must be one of the member of staff's own. */
const oneOfTheirs = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  const theirs: number[] = field.meta.organisationIds
  if (typeof value === 'number' && !theirs.includes(value)) {
    field.report('You do not belong to that organisation', 'oneOfTheirs', field)
  }
})

export const organisationSwitchValidator = vine
  .withMetaData<{ organisationIds: number[] }>()
  .create({
    organisationId: vine.number().withoutDecimals().positive().use(oneOfTheirs()),
  })

organisationSwitchValidator.messagesProvider = new PlainEnglishMessages({
  'organisationId.oneOfTheirs':
    'You cannot work for that organisation: you are not one of its staff. Choose one of your organisations from the list',
  'organisationId': 'Choose one of your organisations from the list',
})
