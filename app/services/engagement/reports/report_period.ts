import { DateTime } from 'luxon'
import { LONDON } from '#services/platform/infrastructure/london_time'

/** The periods the picker offers; `custom` takes the from and to dates. */
export const PERIOD_CHOICES = {
  'this-month': 'This month',
  'last-month': 'Last month',
  'last-90-days': 'The last 90 days',
  'this-year': 'This year',
  'custom': 'Dates you choose',
} as const
export type PeriodChoice = keyof typeof PERIOD_CHOICES
export const DEFAULT_PERIOD: PeriodChoice = 'this-month'

/** The longest period a report covers: longer ones would draw too many points to read. */
export const MAX_YEARS = 5

export interface PeriodInput {
  period?: PeriodChoice
  fromDay?: number
  fromMonth?: number
  fromYear?: number
  toDay?: number
  toMonth?: number
  toYear?: number
}

/** A stretch of whole UK days: from the start of `from` up to, not including, `until`. */
export interface DaySpan {
  from: DateTime
  until: DateTime
  /** "1 March 2026 to 31 March 2026" */
  label: string
}

/** One point of a chart over time: its label, and the instant its figures are counted up to. */
export interface Bucket {
  label: string
  start: DateTime
  until: DateTime
}

export interface ReportPeriod extends DaySpan {
  choice: PeriodChoice
  days: number
  /** The same number of days just before: what the figures are compared with. */
  previous: DaySpan
  /** Days, weeks or months, as the length of the period suits. */
  bucketUnit: 'day' | 'week' | 'month'
  buckets: Bucket[]
  /** The picker's values, for links that keep the period (CSV, pages). */
  query: Record<string, string>
}

export type PeriodResult =
  { period: ReportPeriod; errors: null } | { period: null; errors: Record<string, string> }

const dayLabel = (day: DateTime) => day.setLocale('en-GB').toFormat('d LLLL yyyy')

function span(from: DateTime, until: DateTime): DaySpan {
  return { from, until, label: `${dayLabel(from)} to ${dayLabel(until.minus({ days: 1 }))}` }
}

/** A date from the form's three boxes, or null when there is no such day (31 February). */
function dayOf(year?: number, month?: number, day?: number) {
  if (year === undefined || month === undefined || day === undefined) return undefined
  const date = DateTime.fromObject({ year, month, day }, { zone: LONDON })
  return date.isValid ? date : null
}

/**
 * The period a report covers, from the picker: whole days in UK time, up to
 * the end of today at the latest. Custom dates are checked here, where both
 * are known, with what is wrong said in plain words (the validator has
 * already checked each box holds a number).
 */
export default class ReportPeriods {
  static resolve(input: PeriodInput, now: DateTime = DateTime.now()): PeriodResult {
    const today = now.setZone(LONDON).startOf('day')
    const choice = input.period ?? DEFAULT_PERIOD
    if (choice === 'this-month') return this.#ok(choice, today.startOf('month'), today, {})
    if (choice === 'last-month') {
      const start = today.startOf('month').minus({ months: 1 })
      return this.#ok(choice, start, start.endOf('month').startOf('day'), {})
    }
    if (choice === 'last-90-days') return this.#ok(choice, today.minus({ days: 89 }), today, {})
    if (choice === 'this-year') return this.#ok(choice, today.startOf('year'), today, {})

    const errors: Record<string, string> = {}
    const from = dayOf(input.fromYear, input.fromMonth, input.fromDay)
    const to = dayOf(input.toYear, input.toMonth, input.toDay)
    const example = today.minus({ months: 1 }).toFormat('d L yyyy')
    if (from === undefined) errors.fromDay = `Enter the start date, for example ${example}`
    else if (from === null) errors.fromDay = 'The start date must be a real date'
    if (to === undefined)
      errors.toDay = `Enter the end date, for example ${today.toFormat('d L yyyy')}`
    else if (to === null) errors.toDay = 'The end date must be a real date'
    else if (to > today) errors.toDay = 'The end date must be today or before'
    if (from && to && !errors.toDay) {
      if (from > to) errors.fromDay = 'The start date must be the same as or before the end date'
      else if (from <= to.minus({ years: MAX_YEARS })) {
        errors.fromDay = `The period must be ${MAX_YEARS} years or shorter: choose a later start date`
      }
    }
    if (Object.keys(errors).length || !from || !to) return { period: null, errors }
    return this.#ok('custom', from, to, {
      fromDay: String(from.day),
      fromMonth: String(from.month),
      fromYear: String(from.year),
      toDay: String(to.day),
      toMonth: String(to.month),
      toYear: String(to.year),
    })
  }

  static #ok(
    choice: PeriodChoice,
    firstDay: DateTime,
    lastDay: DateTime,
    dates: Record<string, string>
  ): PeriodResult {
    const until = lastDay.plus({ days: 1 })
    // Whole days counted on the calendar, so a day the clocks change is one day.
    const days = Math.round(until.diff(firstDay, 'days').days)
    const bucketUnit = days <= 62 ? 'day' : days <= 371 ? 'week' : 'month'
    return {
      errors: null,
      period: {
        ...span(firstDay, until),
        choice,
        days,
        previous: span(firstDay.minus({ days }), firstDay),
        bucketUnit,
        buckets: buckets(firstDay, until, bucketUnit),
        query: { period: choice, ...dates },
      },
    }
  }
}

/** Consecutive buckets from `from` to `until`: weeks start on the period's first day; months on the 1st (the first and last may be part months). */
function buckets(from: DateTime, until: DateTime, unit: 'day' | 'week' | 'month'): Bucket[] {
  const list: Bucket[] = []
  let start = from
  while (start < until) {
    const next =
      unit === 'day'
        ? start.plus({ days: 1 })
        : unit === 'week'
          ? start.plus({ weeks: 1 })
          : start.startOf('month').plus({ months: 1 })
    const end = next < until ? next : until
    const local = start.setLocale('en-GB')
    const label =
      unit === 'day'
        ? local.toFormat('d LLL yyyy')
        : unit === 'week'
          ? `Week from ${local.toFormat('d LLL yyyy')}`
          : local.toFormat('LLL yyyy')
    list.push({ label, start, until: end })
    start = end
  }
  return list
}
