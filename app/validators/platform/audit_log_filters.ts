import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { AUDIT_SORTS } from '#services/platform/audit/audit_log_list'

export const auditLogFiltersValidator = vine.create({
  q: vine
    .string()
    .trim()
    .transform((value) => value.slice(0, 100))
    .optional(),
  action: vine
    .string()
    .regex(/^[a-z0-9_.:-]{1,100}$/)
    .optional(),
  sort: vine.enum(Object.keys(AUDIT_SORTS) as (keyof typeof AUDIT_SORTS)[]).optional(),
  page: vine.number().withoutDecimals().positive().optional(),
})

auditLogFiltersValidator.messagesProvider = new PlainEnglishMessages({
  action: 'Choose an action from the list',
  sort: 'Choose an order from the list',
  page: 'Choose a page from the list',
})
