import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('alerts', (table) => {
      // The body's Markdown rendered once when it is saved, for the public pages and feeds.
      // Alerts saved before this migration have none; they are rendered when shown.
      table.text('body_html').nullable()
      table.text('body_text').nullable()
    })
  }

  async down() {
    this.schema.alterTable('alerts', (table) => {
      table.dropColumn('body_html')
      table.dropColumn('body_text')
    })
  }
}
