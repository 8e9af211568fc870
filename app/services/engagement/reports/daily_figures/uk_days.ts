import { DateTime } from 'luxon'
import { LONDON } from '#services/platform/infrastructure/london_time'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'

/**
 * UK days as the daily figures key them: "2026-03-25". A report's instants
 * are UK midnights, and "before midnight D" is "on a day before D", so a sum
 * over whole days is exact.
 */
const dayOfHour = new Map<number, string>()
const HOUR = 3_600_000

/** The UK day an instant (milliseconds) falls on. The UK's day changes only on the hour, so hours are remembered. */
export function ukDayOfMillis(millis: number) {
  const hour = Math.floor(millis / HOUR)
  let day = dayOfHour.get(hour)
  if (day === undefined) {
    day = DateTime.fromMillis(hour * HOUR, { zone: LONDON }).toISODate()!
    if (dayOfHour.size > 200_000) dayOfHour.clear()
    dayOfHour.set(hour, day)
  }
  return day
}

export const ukDayOf = (instant: DateTime) => ukDayOfMillis(instant.toMillis())

/** Whether the figures can answer for this instant: a UK midnight. */
export function isUkMidnight(instant: DateTime) {
  const local = instant.setZone(LONDON)
  return local.equals(local.startOf('day'))
}

// "2026-03-01 12:00:00.000 +00:00" as sqlTime writes it, or without the offset.
const UTC_TEXT = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d(?:\.\d+)?)(?: ?(?:\+00:00|Z))?$/

/** A stored timestamp in milliseconds (null for none); parsed by hand when it is plain UTC text: a rebuild reads millions. */
export function storedMillis(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'string') {
    const match = UTC_TEXT.exec(value)
    if (match) return Date.parse(`${match[1]}T${match[2]}Z`)
  }
  return fromStoredTime(value)?.toMillis() ?? null
}
