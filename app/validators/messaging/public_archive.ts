import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { ALERT_CATEGORY_SLUGS } from '#services/messaging/alert_categories'

/** The archive's and the feeds' filters, read from the query string. */
export const archiveFiltersValidator = vine.create({
  q: vine
    .string()
    .trim()
    .transform((value) => value.slice(0, 100))
    .optional(),
  area: vine.string().trim().maxLength(40).exists({ table: 'areas', column: 'code' }).optional(),
  category: vine.enum(ALERT_CATEGORY_SLUGS).optional(),
  page: vine.number().withoutDecimals().positive().optional(),
})

archiveFiltersValidator.messagesProvider = new PlainEnglishMessages({
  area: 'Choose an area from the list',
  category: 'Choose a category from the list',
  page: 'Choose a page from the list',
})

/** A filter form sends an empty value for "any"; that is no filter rather than a wrong one. */
export function chosenFilters(queryString: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(queryString).filter(([, value]) => value !== '' && value !== null)
  )
}
