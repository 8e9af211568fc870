import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A phone number receives alerts only once its holder proved they have it,
 * by typing back a code sent to it (app/services/residents/contacts/
 * contact_verification.ts). Each row is one code: its hash, how often it
 * was tried, when it expires. The number waiting to be proved is kept
 * encrypted here, so that the resident's working number stays in place
 * until the new one is confirmed. A landline is verified as a mobile is,
 * by a call that reads the code; the audience index forgets its generation
 * because the contact rules changed.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('contact_verifications', (table) => {
      table.increments('id')
      table
        .integer('resident_id')
        .unsigned()
        .notNullable()
        .references('residents.id')
        .onDelete('CASCADE')
      table.string('kind', 20).notNullable()
      // Encrypted with APP_KEY: the number being verified, in E.164.
      table.text('value').notNullable()
      table.string('code_hash', 64).notNullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('expires_at').notNullable()
      table.timestamp('verified_at').nullable()
      table.timestamp('closed_at').nullable()
      table.index(['resident_id', 'kind', 'created_at'])
    })

    this.schema.alterTable('residents', (table) => {
      table.timestamp('landline_verified_at').nullable()
    })

    this.defer(async (db) => {
      await db.from('audience_index').delete()
    })
  }

  async down() {
    // Plain DROP COLUMN, as in 0022: knex's copy of the table would lose the triggers on SQLite.
    this.defer(async (db) => {
      await db.rawQuery('ALTER TABLE residents DROP COLUMN landline_verified_at')
      await db.from('audience_index').delete()
    })
    this.schema.dropTable('contact_verifications')
  }
}
