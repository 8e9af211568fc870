import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { DIMENSIONS } from '#services/areas/population/census_categories'
import { AS_AT_CHOICES, type AsAtChoice } from '#services/engagement/reports/reach_as_at'
import { WARD_SORTS, type WardSort } from '#services/engagement/reports/reach_ward_list'

const box = (range: [number, number]) => vine.number().withoutDecimals().range(range).optional()

/**
 * Reports → Who we reach, a page of GET forms: the date counted at, the
 * wards' search, order and page, and the question the wards are split by.
 * Whether the three date boxes make a real, past day ReachAsAt checks.
 */
export const reachReportValidator = vine.create({
  asAt: vine.enum(Object.keys(AS_AT_CHOICES) as AsAtChoice[]).optional(),
  day: box([1, 31]),
  month: box([1, 12]),
  year: box([2000, 2999]),
  q: vine.string().trim().maxLength(100).optional(),
  sort: vine.enum(Object.keys(WARD_SORTS) as WardSort[]).optional(),
  page: vine.number().withoutDecimals().positive().optional(),
  groupsBy: vine.enum(DIMENSIONS).optional(),
  groupsPage: vine.number().withoutDecimals().positive().optional(),
})

reachReportValidator.messagesProvider = new PlainEnglishMessages({
  asAt: 'Choose a date from the list',
  day: 'The day must be a number from 1 to 31',
  month: 'The month must be a number from 1 to 12',
  year: 'The year must be 4 digits, from 2000',
  q: 'Search for at most 100 letters of a ward or district’s name',
  sort: 'Choose an order from the list',
  page: 'Choose a page from the list',
  groupsBy: 'Choose a question from the list',
  groupsPage: 'Choose a page from the list',
})
