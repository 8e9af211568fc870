import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Schemes a plugin keeps in step with an outside register (#contracts/schemes):
 * the register's id for the scheme, as "<plugin id>:<register id>", and on each
 * membership the plugin that added it, so that a sync removes only the members
 * it added and never those who joined the scheme themselves.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('schemes', (table) => {
      table.string('external_ref', 170).nullable().unique()
    })
    this.schema.alterTable('scheme_members', (table) => {
      table.string('added_by', 60).nullable()
    })
  }

  async down() {
    this.schema.alterTable('scheme_members', (table) => {
      table.dropColumn('added_by')
    })
    this.schema.alterTable('schemes', (table) => {
      table.dropUnique(['external_ref'])
      table.dropColumn('external_ref')
    })
  }
}
