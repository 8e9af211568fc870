import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * translation_versions: each alert's words in each language, made once per
 * (alert, language, English wording) and kept as the version sent; staff
 * corrections replace the machine's. A failed translation is kept too, with
 * its reason, for the warning on the alert's page.
 * translation_usage: the characters sent to the Translation API, for the
 * month's running total. Neither holds anything about residents.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('translation_versions', (table) => {
      table.bigIncrements('id')
      table.integer('alert_id').unsigned().notNullable().references('alerts.id').onDelete('CASCADE')
      table.string('language', 20).notNullable()
      // Of the English title and body the translation was made from.
      table.string('source_hash', 64).notNullable()
      // machine | reviewed | failed
      table.string('status', 10).notNullable()
      table.text('title').nullable()
      table.text('body').nullable()
      table.text('machine_title').nullable()
      table.text('machine_body').nullable()
      // The fixed texts (footer, notice) in this language, as JSON.
      table.text('texts').nullable()
      table.boolean('corrected').notNullable().defaultTo(false)
      table.string('error', 500).nullable()
      // Why residents of this language got the English when the translation was not sent.
      table.string('held_reason', 500).nullable()
      table.timestamp('reviewed_at').nullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['alert_id', 'language'])
    })
    this.schema.createTable('translation_usage', (table) => {
      table.bigIncrements('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.integer('alert_id').unsigned().nullable().references('alerts.id').onDelete('SET NULL')
      table.string('language', 20).notNullable()
      table.integer('characters').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['organisation_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('translation_usage')
    this.schema.dropTable('translation_versions')
  }
}
