import { DateTime } from 'luxon'

/**
 * Reads a timestamp from a raw query: PostgreSQL answers a Date, SQLite the
 * text it stored.
 */
export function fromStoredTime(value: unknown): DateTime | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof Date) return DateTime.fromJSDate(value)
  if (typeof value === 'number') return DateTime.fromMillis(value)
  const text = String(value)
  const parsed = DateTime.fromSQL(text, { zone: 'utc' })
  return parsed.isValid ? parsed : DateTime.fromISO(text, { zone: 'utc' })
}
