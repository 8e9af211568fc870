import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A resident who can no longer open the email they signed up with asks the
 * organisation for help (app/services/residents/self_service/access_help_requests.ts).
 * resident_id is the resident whose address on record matches the one given,
 * found when the request arrives and never shown to the asker; null when no
 * resident matches, and then only admins see the request.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('access_help_requests', (table) => {
      table.increments('id')
      table
        .integer('resident_id')
        .unsigned()
        .nullable()
        .references('residents.id')
        .onDelete('CASCADE')
      table.string('name', 100).notNullable()
      table.string('address', 300).notNullable()
      table.string('email', 254).notNullable()
      table.string('contact', 300).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('done_at').nullable()
      table.integer('done_by_id').nullable().references('users.id').onDelete('SET NULL')
      table.index(['resident_id', 'done_at'])
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.dropTable('access_help_requests')
  }
}
