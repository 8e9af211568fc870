import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    // An alert rendered once per channel and language before its audience is walked.
    this.schema.createTable('message_variants', (table) => {
      table.increments('id')
      table
        .integer('message_id')
        .unsigned()
        .notNullable()
        .references('messages.id')
        .onDelete('CASCADE')
      table.string('channel', 40).notNullable()
      table.string('language', 12).notNullable()
      table.string('subject', 300).nullable()
      table.text('html').nullable()
      table.text('text').notNullable()
      table.string('url', 500).nullable()
      table.timestamp('created_at').notNullable()
      // A rerun of the dispatch job inserts nothing twice.
      table.unique(['message_id', 'channel', 'language'])
    })

    this.schema.alterTable('organisations', (table) => {
      table.string('sender_name', 100).nullable()
      table.string('brand_colour', 7).nullable()
      table.string('email_footer', 500).nullable()
      // A random file name under storage/branding; never a name an admin chose.
      table.string('logo_file', 64).nullable()
    })
  }

  async down() {
    this.schema.alterTable('organisations', (table) => {
      table.dropColumn('sender_name')
      table.dropColumn('brand_colour')
      table.dropColumn('email_footer')
      table.dropColumn('logo_file')
    })
    this.schema.dropTable('message_variants')
  }
}
