import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/

export const alertScheduleValidator = vine.create({
  day: vine.number().withoutDecimals().range([1, 31]),
  month: vine.number().withoutDecimals().range([1, 12]),
  year: vine.number().withoutDecimals().range([2000, 2999]),
  time: vine.string().trim().regex(TIME),
})

alertScheduleValidator.messagesProvider = new PlainEnglishMessages({
  'day.required': 'Enter the day, month and year, for example 27 3 2027',
  'day': 'Enter a real day, from 1 to 31',
  'month.required': 'Enter the day, month and year, for example 27 3 2027',
  'month': 'Enter a real month, from 1 to 12',
  'year.required': 'Enter the day, month and year, for example 27 3 2027',
  'year': 'Enter the year as 4 digits, for example 2027',
  'time.required': 'Enter the time, for example 09:30 or 17:45',
  'time': 'Enter the time on the 24-hour clock, for example 09:30 or 17:45',
})

/** "9:30" or "09.30" → hours and minutes. */
export function parseTime(value: string) {
  const [, hour, minute] = value.trim().match(TIME)!
  return { hour: Number(hour), minute: Number(minute) }
}
