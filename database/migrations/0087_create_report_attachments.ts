import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Files a resident attaches to a report (app/services/engagement/reports/*).
 * The file itself is in STORAGE_DIR/reports under stored_name, a random name;
 * original_name is only shown to staff. Rows go with their thread, and
 * whoever deletes threads (erasure, retention) deletes the files first.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('report_attachments', (table) => {
      table.increments('id')
      table
        .integer('reply_id')
        .unsigned()
        .notNullable()
        .references('alert_replies.id')
        .onDelete('CASCADE')
      table.string('stored_name', 80).notNullable().unique()
      table.string('original_name', 255).notNullable()
      // What the bytes are (sniffed), never what the browser said.
      table.string('content_type', 100).notNullable()
      table.integer('size').unsigned().notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['reply_id'])
    })
  }

  async down() {
    this.schema.dropTable('report_attachments')
  }
}
