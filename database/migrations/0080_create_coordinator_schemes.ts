import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Coordinators (the `coordinator` staff role): the schemes each coordinator
 * looks after, on their membership of one organisation, so that a person who
 * coordinates for one organisation and is an admin of another gains nothing
 * in the second (app/services/residents/coordinators/coordinator_schemes.ts).
 * An invitation to be a coordinator carries the schemes chosen for them
 * (coordinator_scheme_ids, a JSON list) until it is accepted.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('coordinator_schemes', (table) => {
      table
        .integer('membership_id')
        .unsigned()
        .notNullable()
        .references('memberships.id')
        .onDelete('CASCADE')
      table
        .integer('scheme_id')
        .unsigned()
        .notNullable()
        .references('schemes.id')
        .onDelete('CASCADE')
      table.timestamp('created_at').notNullable()
      table.primary(['membership_id', 'scheme_id'])
      table.index(['scheme_id'])
    })
    this.schema.alterTable('staff_invitations', (table) => {
      table.text('coordinator_scheme_ids').nullable()
    })
  }

  async down() {
    this.schema.alterTable('staff_invitations', (table) => {
      table.dropColumn('coordinator_scheme_ids')
    })
    this.schema.dropTable('coordinator_schemes')
  }
}
