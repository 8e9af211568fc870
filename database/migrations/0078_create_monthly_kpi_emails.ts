import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The monthly figures email, once per organisation and month
 * (app/services/engagement/reports/monthly_kpi_mailer.ts): a row is claimed
 * before any mail goes, so two workers, or a day run twice, never send it twice.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('monthly_kpi_emails', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      // "2026-11": the UK month the figures cover.
      table.string('month', 7).notNullable()
      table.integer('recipients').notNullable().defaultTo(0)
      table.timestamp('sent_at').notNullable()
      table.unique(['organisation_id', 'month'])
    })
  }

  async down() {
    this.schema.dropTable('monthly_kpi_emails')
  }
}
