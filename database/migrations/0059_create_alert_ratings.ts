import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What residents thought of an alert (app/services/engagement/alert_ratings.ts):
 * one rating per resident and alert, changeable, with an optional comment.
 * organisation_id is the alert's, kept here so that an organisation's figures
 * by month need no join. Rows go with the resident on erasure (personal data).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('alert_ratings', (table) => {
      table.increments('id')
      table.integer('alert_id').unsigned().notNullable().references('alerts.id').onDelete('CASCADE')
      table
        .integer('resident_id')
        .unsigned()
        .notNullable()
        .references('residents.id')
        .onDelete('CASCADE')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.string('rating', 20).notNullable()
      table.text('comment').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['alert_id', 'resident_id'])
      table.index(['organisation_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('alert_ratings')
  }
}
