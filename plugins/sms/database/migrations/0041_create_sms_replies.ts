import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Text replies from residents: each kept against the resident and the alert
 * they last received by text (and so its organisation), shown on the
 * resident's record and in the organisation's list of replies. The text is
 * encrypted with APP_KEY.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('sms_replies', (table) => {
      table.increments('id')
      table
        .integer('resident_id')
        .unsigned()
        .notNullable()
        .references('residents.id')
        .onDelete('CASCADE')
      table.integer('alert_id').unsigned().nullable().references('alerts.id').onDelete('CASCADE')
      table
        .integer('organisation_id')
        .unsigned()
        .nullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.text('body').notNullable()
      // The provider's id for the reply: a callback repeated by the provider is stored once.
      table.string('provider_id', 100).notNullable().unique()
      table.timestamp('received_at').notNullable()
      table.index(['resident_id', 'received_at'])
      table.index(['organisation_id', 'received_at'])
    })
  }

  async down() {
    this.schema.dropTable('sms_replies')
  }
}
