import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      // Install-wide settings (plugins, the outbox, the interest and scheme lists) are shared by
      // every organisation, so no organisation's admin manages them by that role alone.
      table.boolean('is_install_admin').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropColumn('is_install_admin')
    })
  }
}
