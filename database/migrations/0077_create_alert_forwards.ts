import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Residents sharing an alert with neighbours (app/services/engagement/alert_forwards.ts).
 * A forward is a link a resident copied or an email Beacon sent for them, each with
 * its own code (/f/<code>); a visit is one person opening it, counted once per
 * forward by a random id in their session. Neither keeps the neighbour's address.
 * residents.referral names what brought a sign-up ("forward:<id>"), so the figures
 * can say how many signed up from a forward.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('alert_forwards', (table) => {
      table.increments('id')
      table.integer('alert_id').unsigned().notNullable().references('alerts.id').onDelete('CASCADE')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      // Emptied when the resident is erased: the count stays, who shared it goes.
      table
        .integer('resident_id')
        .unsigned()
        .nullable()
        .references('residents.id')
        .onDelete('SET NULL')
      // link or email
      table.string('kind', 10).notNullable()
      table.string('code', 20).notNullable().unique()
      table.timestamp('created_at').notNullable()
      table.index(['alert_id', 'resident_id'])
      table.index(['organisation_id', 'created_at'])
    })
    this.schema.createTable('alert_forward_visits', (table) => {
      table
        .integer('forward_id')
        .unsigned()
        .notNullable()
        .references('alert_forwards.id')
        .onDelete('CASCADE')
      table.string('visitor', 64).notNullable()
      table.timestamp('created_at').notNullable()
      table.primary(['forward_id', 'visitor'])
    })
    this.schema.alterTable('residents', (table) => {
      table.string('referral', 40).nullable().index()
    })
  }

  async down() {
    this.schema.alterTable('residents', (table) => {
      table.dropColumn('referral')
    })
    this.schema.dropTable('alert_forward_visits')
    this.schema.dropTable('alert_forwards')
  }
}
