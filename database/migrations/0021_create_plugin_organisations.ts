import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    // A plugin of scope "organisation" is switched on, and set, by each organisation
    // behind the install-wide switch in `plugins`. No row: off, nothing set.
    this.schema.createTable('plugin_organisations', (table) => {
      table.increments('id')
      table.string('plugin_id', 60).notNullable()
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.boolean('enabled').notNullable().defaultTo(false)
      // Encrypted with APP_KEY: plugin settings may hold API keys.
      table.text('settings').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['plugin_id', 'organisation_id'])
      table.index(['organisation_id'])
    })
  }

  async down() {
    this.schema.dropTable('plugin_organisations')
  }
}
