import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per call the plugin places: an alert's call (and the calls that
 * try again when the line was busy or nobody answered) or a code read out
 * to verify a landline. Twilio fetches what to say from the row.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('voice_calls', (table) => {
      table.bigIncrements('id')
      /** 'alert' or 'code'. */
      table.string('kind', 10).notNullable()
      /** The first call's SID: what the ledger holds as the delivery's provider id. */
      table.string('ledger_sid', 64).nullable().index()
      /** The SID of the call in progress (a retry has its own). */
      table.string('call_sid', 64).nullable().unique()
      table
        .integer('resident_id')
        .unsigned()
        .nullable()
        .references('residents.id')
        .onDelete('CASCADE')
      /** Encrypted: the number called and what is read out. */
      table.text('to_number').notNullable()
      table.text('script').notNullable()
      table.integer('attempts').notNullable().defaultTo(1)
      /** 'calling', 'waiting' (to try again at next_attempt_ms) or 'done'. */
      table.string('state', 10).notNullable()
      table.bigInteger('next_attempt_ms').nullable()
      /** Twilio's last word: completed, busy, no-answer, failed, canceled. */
      table.string('outcome', 20).nullable()
      table.string('created_at', 40).notNullable()
      table.string('updated_at', 40).notNullable()
      table.index(['state', 'next_attempt_ms'])
    })
  }

  async down() {
    this.schema.dropTable('voice_calls')
  }
}
