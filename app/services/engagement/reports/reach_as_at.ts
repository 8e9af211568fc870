import { DateTime } from 'luxon'
import { LONDON } from '#services/platform/infrastructure/london_time'

/** The dates Who we reach can count residents at; `date` takes the day typed. */
export const AS_AT_CHOICES = {
  'today': 'Today',
  'last-month': 'The end of last month',
  'last-quarter': 'The end of last quarter',
  'date': 'A date you choose',
} as const
export type AsAtChoice = keyof typeof AS_AT_CHOICES

export interface AsAtInput {
  asAt?: AsAtChoice
  day?: number
  month?: number
  year?: number
}

export interface AsAt {
  choice: AsAtChoice
  /** The instant counted at: null for now. */
  at: DateTime | null
  /** "today", or "30 November 2026" */
  label: string
  /** What the figures are compared with: the end of the month (or quarter) before. */
  previous: DateTime
  previousLabel: string
  /** The form's values, for links that keep the date (CSV, pages, other forms). */
  query: Record<string, string>
}

export type AsAtResult =
  { asAt: AsAt; errors: null } | { asAt: null; errors: Record<string, string> }

const dayLabel = (day: DateTime) => day.setLocale('en-GB').toFormat('d LLLL yyyy')
/** The end of a UK day: the midnight after it. */
const endOf = (day: DateTime) => day.plus({ days: 1 })

/**
 * Who we reach counts residents as at the end of a day in UK time: today
 * (as of now), the end of last month or quarter, or a past day typed in the
 * form. Each is compared with the end of the month before it (the quarter
 * before, for a quarter), so that the summary shows change.
 */
export default class ReachAsAt {
  static resolve(input: AsAtInput, now: DateTime = DateTime.now()): AsAtResult {
    const today = now.setZone(LONDON).startOf('day')
    const choice = input.asAt ?? 'today'
    let day: DateTime
    if (choice === 'today') day = today
    else if (choice === 'last-month') day = today.startOf('month').minus({ days: 1 })
    else if (choice === 'last-quarter') day = today.startOf('quarter').minus({ days: 1 })
    else {
      const { day: d, month, year } = input
      if (d === undefined || month === undefined || year === undefined) {
        return { asAt: null, errors: { day: 'Enter the date’s day, month and year' } }
      }
      day = DateTime.fromObject({ year, month, day: d }, { zone: LONDON })
      if (!day.isValid) {
        return {
          asAt: null,
          errors: { day: `There is no ${d} ${monthName(month)} ${year}: enter a real date` },
        }
      }
      if (day > today) {
        return { asAt: null, errors: { day: 'The date must be today or in the past' } }
      }
    }
    const isToday = day.hasSame(today, 'day')
    const unit = choice === 'last-quarter' ? 'quarter' : 'month'
    const previousDay = day.startOf(unit).minus({ days: 1 })
    const query: Record<string, string> = choice === 'today' ? {} : { asAt: choice }
    if (choice === 'date') {
      Object.assign(query, {
        day: String(day.day),
        month: String(day.month),
        year: String(day.year),
      })
    }
    return {
      asAt: {
        choice,
        at: isToday ? null : endOf(day),
        label: isToday ? 'today' : dayLabel(day),
        previous: endOf(previousDay),
        previousLabel: dayLabel(previousDay),
        query,
      },
      errors: null,
    }
  }
}

function monthName(month: number) {
  return DateTime.fromObject({ year: 2000, month, day: 1 }).setLocale('en-GB').toFormat('LLLL')
}
