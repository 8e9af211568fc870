import { BaseSchema } from '@adonisjs/lucid/schema'

// Knex's table builder, named through Lucid (knex is not a direct dependency).
type TableBuilder = Parameters<Parameters<BaseSchema['schema']['createTable']>[1]>[0]

/** Rows that exist only because of the resident: they go with the resident. */
function belongsToResident(table: TableBuilder) {
  table
    .integer('subscriber_id')
    .unsigned()
    .notNullable()
    .references('subscribers.id')
    .onDelete('CASCADE')
}

export default class extends BaseSchema {
  async up() {
    // Signed-in resident browsers: the session cookie keeps a key, this table its hash, so
    // signing out (or out everywhere) ends the session even if the cookie was copied.
    this.schema.createTable('resident_sessions', (table) => {
      table.increments('id')
      belongsToResident(table)
      table.string('key_hash', 64).notNullable().unique()
      table.timestamp('created_at').notNullable()
      table.timestamp('ended_at').nullable()
      table.index(['subscriber_id'])
    })

    // A new email address or phone number waiting for the resident to confirm it; until then
    // the old one stays in use. Only a hash of the emailed link's secret is kept.
    this.schema.createTable('contact_changes', (table) => {
      table.increments('id')
      belongsToResident(table)
      table.string('field', 16).notNullable()
      table.string('new_value', 254).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.integer('requested_by_user_id').unsigned().nullable()
      table.integer('organisation_id').unsigned().nullable()
      table.timestamp('expires_at').notNullable()
      table.timestamp('confirmed_at').nullable()
      table.timestamp('cancelled_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['subscriber_id', 'field'])
    })
  }

  async down() {
    this.schema.dropTable('contact_changes')
    this.schema.dropTable('resident_sessions')
  }
}
