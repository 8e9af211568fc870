import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { FieldContext } from '@vinejs/vine/types'
import { areasExist } from '#validators/areas/rules/areas_exist'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { ALERT_CATEGORY_SLUGS } from '#services/messaging/alert_categories'

/** Names the codes that are not known, so a force system's log says which one to fix. */
const areaCodesExist = vine.createRule(
  async (value: unknown, _options: undefined, field: FieldContext) => {
    if (!Array.isArray(value) || value.length === 0) return
    const codes = [...new Set(value.map(String))]
    const found = await db.from('areas').whereIn('code', codes).select('code')
    const known = new Set(found.map((row) => row.code))
    const unknown = codes.filter((code) => !known.has(code))
    if (unknown.length) {
      field.report('These area codes are not known: {{ codes }}', 'areaCodesExist', field, {
        codes: unknown.slice(0, 10).join(', '),
      })
    }
  }
)

/** A JSON body: numbers and booleans must be JSON numbers and booleans, not strings. */
export const apiAlertValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(150),
  body: vine.string().trim().minLength(1).maxLength(5000),
  priority: vine.number({ strict: true }).withoutDecimals().range([1, 5]),
  category: vine.enum(ALERT_CATEGORY_SLUGS),
  areaCodes: vine
    .array(vine.string().trim().minLength(1).maxLength(40))
    .minLength(1)
    .maxLength(500)
    .distinct()
    .use(areaCodesExist())
    .optional()
    .requiredIfMissing('areaIds'),
  areaIds: vine
    .array(vine.number({ strict: true }).withoutDecimals().positive())
    .minLength(1)
    .maxLength(500)
    .distinct()
    .use(areasExist())
    .optional()
    .requiredIfMissing('areaCodes'),
  public: vine.boolean({ strict: true }).optional(),
  send: vine.boolean({ strict: true }).optional(),
})

apiAlertValidator.messagesProvider = new PlainEnglishMessages({
  'title.required': 'Give the alert a title',
  'title.minLength': 'Give the alert a title',
  'title.maxLength': 'The title must be 150 characters or fewer',
  'title': 'The title must be text',
  'body.required': 'Give the alert a body',
  'body.minLength': 'Give the alert a body',
  'body.maxLength': 'The body must be 5,000 characters or fewer',
  'body': 'The body must be text',
  'priority.required': 'Give a priority from 1 (information) to 5 (emergency)',
  'priority': 'The priority must be a whole number from 1 (information) to 5 (emergency)',
  'category.required': `Give a category: one of ${ALERT_CATEGORY_SLUGS.join(', ')}`,
  'category': `The category must be one of ${ALERT_CATEGORY_SLUGS.join(', ')}`,
  'areaCodes.required': 'Give the target areas as areaCodes (like E05005541) or areaIds',
  'areaCodes.areaCodesExist': 'These area codes are not known: {{ codes }}',
  'areaCodes.minLength': 'Give at least one area code',
  'areaCodes.maxLength': 'Give 500 area codes or fewer',
  'areaCodes.distinct': 'Give each area code once',
  'areaCodes': 'areaCodes must be a list of area codes, like ["E05005541"]',
  'areaCodes.*': 'Each area code must be text, like "E05005541"',
  'areaIds.required': 'Give the target areas as areaCodes (like E05005541) or areaIds',
  'areaIds.areasExist': 'One of the areaIds is not a known area',
  'areaIds.minLength': 'Give at least one area id',
  'areaIds.maxLength': 'Give 500 area ids or fewer',
  'areaIds.distinct': 'Give each area id once',
  'areaIds': 'areaIds must be a list of area ids, like [12, 13]',
  'areaIds.*': 'Each area id must be a whole number',
  'public': 'public must be true or false',
  'send': 'send must be true or false',
})
