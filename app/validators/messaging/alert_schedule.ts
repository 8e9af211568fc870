import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/

export const alertScheduleValidator = vine.create({
  day: vine.number().withoutDecimals().range([1, 31]),
  month: vine.number().withoutDecimals().range([1, 12]),
  year: vine.number().withoutDecimals().range([2000, 2999]),
  time: vine.string().trim().regex(TIME),
})

/**
 * The messages name tomorrow as the example date (as the form's hint does), worked out when
 * the form is checked: a fixed date would one day be in the past, and an example that is
 * refused would mislead.
 */
export function alertScheduleMessages(now: DateTime = DateTime.now()) {
  const example = exampleScheduleDate(now)
  return new PlainEnglishMessages({
    'day.required': `Enter the day, month and year, for example ${example}`,
    'day': 'Enter a real day, from 1 to 31',
    'month.required': `Enter the day, month and year, for example ${example}`,
    'month': 'Enter a real month, from 1 to 12',
    'year.required': `Enter the day, month and year, for example ${example}`,
    'year': `Enter the year as 4 digits, for example ${now.setZone('Europe/London').plus({ days: 1 }).year}`,
    'time.required': 'Enter the time, for example 09:30 or 17:45',
    'time': 'Enter the time on the 24-hour clock, for example 09:30 or 17:45',
  })
}

/** "8 12 2026": tomorrow, as the form's three boxes take it. */
export function exampleScheduleDate(now: DateTime = DateTime.now()) {
  return now.setZone('Europe/London').plus({ days: 1 }).toFormat('d L yyyy')
}

/** "9:30" or "09.30" → hours and minutes. */
export function parseTime(value: string) {
  const [, hour, minute] = value.trim().match(TIME)!
  return { hour: Number(hour), minute: Number(minute) }
}
