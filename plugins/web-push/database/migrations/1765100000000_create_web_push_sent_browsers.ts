import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The browsers that already took a delivery's push when another of the
 * resident's browsers asked for a retry: the retry skips them, so that no
 * browser shows one alert twice. Rows exist only for such partial sends.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('web_push_sent_browsers', (table) => {
      table.bigInteger('delivery_id').unsigned().notNullable()
      table.bigInteger('contact_id').unsigned().notNullable()
      table.timestamp('sent_at').notNullable()
      table.primary(['delivery_id', 'contact_id'])
    })
  }

  async down() {
    this.schema.dropTable('web_push_sent_browsers')
  }
}
