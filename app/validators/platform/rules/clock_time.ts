import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'

/** "9:00", "09:00" and "21.30" become "09:00" and "21:30"; anything else is null. */
export function normaliseClockTime(value: string) {
  const match = value.trim().match(/^(\d{1,2})[:.](\d{2})$/)
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return null
  return `${match[1].padStart(2, '0')}:${match[2]}`
}

/** A time of day on the 24-hour clock, stored as "HH:MM". */
export const clockTime = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    const time = normaliseClockTime(value)
    if (!time) {
      field.report('Enter a time on the 24-hour clock, like 21:00', 'clockTime', field)
      return
    }
    field.mutate(time, field)
  }
)

/** The time must differ from another time field (a window from 21:00 to 21:00 has no length). */
export const differentTimeFrom = vine.createRule(
  (value: unknown, options: { otherField: string }, field: FieldContext) => {
    const other = field.parent?.[options.otherField]
    if (typeof value !== 'string' || typeof other !== 'string') return
    if (normaliseClockTime(value) === normaliseClockTime(other)) {
      field.report('The two times must be different', 'differentTimeFrom', field)
    }
  }
)
