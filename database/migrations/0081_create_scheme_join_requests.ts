import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A resident's request to join a watch scheme, decided by its coordinator
 * (or, where an organisation has none for the scheme, its admins):
 * app/services/residents/coordinators/scheme_join_requests.ts. One row per
 * resident and scheme, so a request is never doubled: asking again after a
 * decline or a withdrawal makes the same row pending again.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('scheme_join_requests', (table) => {
      table.increments('id')
      table
        .integer('scheme_id')
        .unsigned()
        .notNullable()
        .references('schemes.id')
        .onDelete('CASCADE')
      table
        .integer('resident_id')
        .unsigned()
        .notNullable()
        .references('residents.id')
        .onDelete('CASCADE')
      // pending, approved, declined, withdrawn
      table.string('status', 20).notNullable()
      table.string('reason', 500).nullable()
      table.integer('decided_by_id').nullable().references('users.id').onDelete('SET NULL')
      table.integer('decided_for_organisation_id').nullable()
      table.timestamp('asked_at').notNullable()
      table.timestamp('decided_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['scheme_id', 'resident_id'])
      table.index(['resident_id'])
      table.index(['status', 'scheme_id'])
    })
  }

  async down() {
    this.schema.dropTable('scheme_join_requests')
  }
}
