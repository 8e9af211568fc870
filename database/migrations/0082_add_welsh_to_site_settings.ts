import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Whether the resident pages offer Welsh (a Welsh force must: Welsh Language
 * Standards). Off by default, so an English install shows no language switch.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('site_settings', (table) => {
      table.boolean('welsh_offered').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('site_settings', (table) => {
      table.dropColumn('welsh_offered')
    })
  }
}
