import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Residents' reports ("Tell us something", app/services/engagement/reports/*)
 * land in the same inbox as replies, as threads of another kind. A report
 * need not be about an alert, so alert_id may be empty; the alert a report is
 * about is about_alert_id instead, which keeps the one-thread-per-alert rule
 * (unique alert_id, resident_id) for replies only: a resident may report
 * about the same alert twice. Where and when are the resident's own words.
 *
 * SQLite rebuilds the table to make alert_id nullable; outside a transaction,
 * knex turns foreign keys off meanwhile so the rebuild cannot cascade
 * deletes into alert_reply_messages.
 */
export default class extends BaseSchema {
  static disableTransactions = true

  async up() {
    this.schema.alterTable('alert_replies', (table) => {
      table.setNullable('alert_id')
    })
    this.schema.alterTable('alert_replies', (table) => {
      // reply or report (app/models/engagement/alert_reply.ts)
      table.string('kind', 10).notNullable().defaultTo('reply')
      table
        .integer('about_alert_id')
        .unsigned()
        .nullable()
        .references('alerts.id')
        .onDelete('SET NULL')
      table.string('place', 300).nullable()
      table.string('happened_at', 100).nullable()
      table.string('contact_phone', 40).nullable()
      table.index(['organisation_id', 'kind'])
    })
  }

  async down() {
    this.schema.alterTable('alert_replies', (table) => {
      table.dropIndex(['organisation_id', 'kind'])
      table.dropForeign(['about_alert_id'])
      table.dropColumn('about_alert_id')
      table.dropColumn('kind')
      table.dropColumn('place')
      table.dropColumn('happened_at')
      table.dropColumn('contact_phone')
    })
    this.defer(async (db) => {
      await db.from('alert_replies').whereNull('alert_id').delete()
    })
    this.schema.alterTable('alert_replies', (table) => {
      table.dropNullable('alert_id')
    })
  }
}
