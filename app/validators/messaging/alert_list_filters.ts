import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { ALERT_LIST_STATUSES, ALERT_SORTS } from '#services/messaging/alert_list'

const keys = <T extends object>(object: T) => Object.keys(object) as (keyof T & string)[]

export const alertListFiltersValidator = vine.create({
  q: vine
    .string()
    .trim()
    .transform((value) => value.slice(0, 100))
    .optional(),
  status: vine.enum(keys(ALERT_LIST_STATUSES)).optional(),
  priority: vine.number().withoutDecimals().range([1, 5]).optional(),
  sort: vine.enum(keys(ALERT_SORTS)).optional(),
  page: vine.number().withoutDecimals().positive().optional(),
})

alertListFiltersValidator.messagesProvider = new PlainEnglishMessages({
  status: 'Choose a status from the list',
  priority: 'Choose a priority from the list',
  sort: 'Choose an order from the list',
  page: 'Choose a page from the list',
})
