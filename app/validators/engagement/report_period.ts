import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { PERIOD_CHOICES, type PeriodChoice } from '#services/engagement/reports/report_period'

const box = (range: [number, number]) => vine.number().withoutDecimals().range(range).optional()

/**
 * The report's period picker (a GET form). Each date box must hold a number
 * in its range; whether the three make a real date, and the two a period
 * Beacon can report on, ReportPeriods checks, where both dates are known.
 */
export const reportPeriodValidator = vine.create({
  period: vine.enum(Object.keys(PERIOD_CHOICES) as PeriodChoice[]).optional(),
  fromDay: box([1, 31]),
  fromMonth: box([1, 12]),
  fromYear: box([2000, 2999]),
  toDay: box([1, 31]),
  toMonth: box([1, 12]),
  toYear: box([2000, 2999]),
  page: vine.number().withoutDecimals().positive().optional(),
})

reportPeriodValidator.messagesProvider = new PlainEnglishMessages({
  period: 'Choose a period from the list',
  fromDay: 'The start date’s day must be a number from 1 to 31',
  fromMonth: 'The start date’s month must be a number from 1 to 12',
  fromYear: 'The start date’s year must be 4 digits, from 2000',
  toDay: 'The end date’s day must be a number from 1 to 31',
  toMonth: 'The end date’s month must be a number from 1 to 12',
  toYear: 'The end date’s year must be 4 digits, from 2000',
  page: 'Choose a page from the list',
})
