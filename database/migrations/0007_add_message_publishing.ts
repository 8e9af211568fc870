import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('messages', (table) => {
      // burglary, fraud, fire, roads, … : the public archive and feeds filter by it.
      table.string('category', 40).nullable()
      // A public alert appears in the archive, the feeds and the API once sent.
      table.boolean('is_public').notNullable().defaultTo(true)
      table.index(['is_public', 'completed_at'])
    })

    // Tokens for force systems calling the JSON API; only a hash is kept.
    this.schema.createTable('api_tokens', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table
        .integer('created_by_user_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.string('name', 100).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.string('last_four', 4).notNullable()
      table.timestamp('last_used_at').nullable()
      table.timestamp('revoked_at').nullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('api_tokens')
    this.schema.alterTable('messages', (table) => {
      table.dropIndex(['is_public', 'completed_at'])
      table.dropColumn('category')
      table.dropColumn('is_public')
    })
  }
}
