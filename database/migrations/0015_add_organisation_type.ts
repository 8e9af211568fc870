import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      // What kind of body it is (see ORGANISATION_TYPES); existing organisations become "other".
      table.string('type', 30).notNullable().defaultTo('other')
    })
  }

  async down() {
    this.schema.alterTable('organisations', (table) => {
      table.dropColumn('type')
    })
  }
}
