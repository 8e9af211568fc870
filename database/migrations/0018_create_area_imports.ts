import { BaseSchema } from '@adonisjs/lucid/schema'

/** Boundary files uploaded in Settings → Areas: their options, the dry run's and the import's report. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('area_imports', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.string('filename', 255).notNullable()
      // uploaded, checking, checked, importing, imported, failed
      table.string('status', 20).notNullable()
      table.boolean('dry_run').notNullable().defaultTo(true)
      table.text('options').nullable()
      table.text('report').nullable()
      // Plain-English reasons the file cannot be imported, one a line.
      table.text('problems').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.dropTable('area_imports')
  }
}
