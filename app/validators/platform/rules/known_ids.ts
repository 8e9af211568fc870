import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { FieldContext } from '@vinejs/vine/types'

/**
 * Checks a list of ids from checkboxes against one table with one query, and
 * reports a problem on the list itself (where the page shows it) rather than
 * on one entry. The output is the ids as numbers, each once.
 */
export const knownIds = vine.createRule(
  async (value: unknown, options: { table: string }, field: FieldContext) => {
    if (!Array.isArray(value)) return
    const ids = value.map((item) => (typeof item === 'string' ? item.trim() : item)).map(Number)
    if (ids.some((id) => !Number.isInteger(id) || id <= 0)) {
      field.report('Choose from the list', 'knownIds', field)
      return
    }
    const unique = [...new Set(ids)]
    if (unique.length > 0) {
      const found = await db.from(options.table).whereIn('id', unique).count('* as total').first()
      if (Number(found?.total ?? 0) !== unique.length) {
        field.report('Choose from the list', 'knownIds', field)
        return
      }
    }
    field.mutate(unique, field)
  }
)
