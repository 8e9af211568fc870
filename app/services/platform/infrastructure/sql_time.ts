import { DateTime } from 'luxon'

/**
 * A timestamp for raw queries, written the same way on SQLite and
 * PostgreSQL (UTC, with its offset). A JavaScript Date would be stored as a
 * number by SQLite, which Lucid cannot read back.
 */
export function sqlTime(value: Date | DateTime = DateTime.now()) {
  const dateTime = value instanceof Date ? DateTime.fromJSDate(value) : value
  return dateTime.toUTC().toSQL()!
}
