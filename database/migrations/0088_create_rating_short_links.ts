import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Short links to rate an alert (/r/<code>), for texts and push notifications
 * where the signed rating address is too long (app/services/engagement/
 * rating_short_links.ts): one random code per resident and alert, made when
 * the alert is sent on such a channel, working until expires_on. They name a
 * resident, so they go with the resident on erasure, and the daily
 * housekeeping deletes them once expired.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('rating_short_links', (table) => {
      table.increments('id')
      table.string('code', 16).notNullable().unique()
      table.integer('alert_id').unsigned().notNullable().references('alerts.id').onDelete('CASCADE')
      table
        .integer('resident_id')
        .unsigned()
        .notNullable()
        .references('residents.id')
        .onDelete('CASCADE')
      // The rating link's last day (UTC), as in the signed address it opens: YYYY-MM-DD.
      table.string('expires_on', 10).notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['alert_id', 'resident_id'])
      table.index(['resident_id'])
      table.index(['expires_on'])
    })
  }

  async down() {
    this.schema.dropTable('rating_short_links')
  }
}
