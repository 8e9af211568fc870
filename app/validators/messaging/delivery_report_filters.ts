import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { FAILURE_SORTS } from '#services/messaging/reports/delivery_failures'
import { FAILURE_REASON_KEYS } from '#services/messaging/reports/failure_reasons'

const keys = <T extends object>(object: T) => Object.keys(object) as (keyof T & string)[]

/** The delivery report's filters on its failures (from the page address, so anything may come). */
export const deliveryReportFiltersValidator = vine.create({
  channel: vine
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,29}$/)
    .optional(),
  reason: vine.enum(FAILURE_REASON_KEYS).optional(),
  q: vine
    .string()
    .trim()
    .transform((value) => value.slice(0, 100))
    .optional(),
  sort: vine.enum(keys(FAILURE_SORTS)).optional(),
  page: vine.number().withoutDecimals().positive().optional(),
})

deliveryReportFiltersValidator.messagesProvider = new PlainEnglishMessages({
  channel: 'Choose a channel from the list',
  reason: 'Choose a reason from the list',
  sort: 'Choose an order from the list',
  page: 'Choose a page from the list',
})
