import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { IMPORT_SORTS, IMPORT_STATUSES } from '#services/residents/import/resident_import_list'

const keys = <T extends object>(object: T) => Object.keys(object) as (keyof T & string)[]

export const importListFiltersValidator = vine.create({
  q: vine
    .string()
    .trim()
    .transform((value) => value.slice(0, 100))
    .optional(),
  status: vine.enum(keys(IMPORT_STATUSES)).optional(),
  sort: vine.enum(keys(IMPORT_SORTS)).optional(),
  page: vine.number().withoutDecimals().positive().optional(),
})

importListFiltersValidator.messagesProvider = new PlainEnglishMessages({
  status: 'Choose a kind of import from the list',
  sort: 'Choose an order from the list',
  page: 'Choose a page from the list',
})
