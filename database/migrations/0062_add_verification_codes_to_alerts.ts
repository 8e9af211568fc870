import { randomInt } from 'node:crypto'
import { BaseSchema } from '@adonisjs/lucid/schema'

// As app/services/messaging/verification/verification_codes.ts draws them, kept here so this migration never changes.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

function code() {
  return Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
}

/**
 * Every alert that went out carries a public reference code that anyone can
 * check at /verify (scammers impersonate police alerts). Stored without its
 * dash. Alerts already sent, sending, paused, or cancelled once sending had
 * started get one now; drafts get theirs when they are sent.
 */
export default class extends BaseSchema {
  protected tableName = 'alerts'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('verification_code', 8).nullable().unique()
    })
    this.defer(async (db) => {
      const rows: { id: number }[] = await db
        .from(this.tableName)
        .whereIn('status', ['sending', 'sent', 'paused'])
        .orWhere((query) =>
          query
            .where('status', 'cancelled')
            .where((started) =>
              started.whereNotNull('send_requested_at').orWhereNotNull('dispatched_at')
            )
        )
        .select('id')
      const given = new Set<string>()
      for (const row of rows) {
        let next = code()
        while (given.has(next)) next = code()
        given.add(next)
        await db.from(this.tableName).where('id', row.id).update({ verification_code: next })
      }
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropUnique(['verification_code'])
      table.dropColumn('verification_code')
    })
  }
}
