import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    /*
    | The install's own words: its service name, contact details and the
    | privacy, accessibility and cookies pages. One row (id 1); a null text
    | means "use the default", which names the service.
    */
    this.schema.createTable('site_settings', (table) => {
      table.integer('id').primary()
      table.string('service_name', 80).nullable()
      table.string('contact_email', 254).nullable()
      table.string('contact_phone', 40).nullable()
      table.text('contact_address').nullable()
      table.text('privacy_notice').nullable()
      table.text('accessibility_statement').nullable()
      table.text('cookies_page').nullable()
      table.timestamp('updated_at').notNullable()
    })

    // A first admin's "set your password" link uses the reset mechanism, and says so differently.
    this.schema.alterTable('staff_password_resets', (table) => {
      table.string('purpose', 20).notNullable().defaultTo('reset')
    })
  }

  async down() {
    this.schema.alterTable('staff_password_resets', (table) => {
      table.dropColumn('purpose')
    })
    this.schema.dropTable('site_settings')
  }
}
