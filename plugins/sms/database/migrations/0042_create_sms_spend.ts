import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What each organisation's text messages cost each month (UTC months), as
 * counted when they are sent: the composer compares an alert's estimate
 * with the organisation's monthly limit.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('sms_spend', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.string('month', 7).notNullable()
      table.integer('parts').notNullable().defaultTo(0)
      table.integer('pence').notNullable().defaultTo(0)
      table.unique(['organisation_id', 'month'])
    })
  }

  async down() {
    this.schema.dropTable('sms_spend')
  }
}
