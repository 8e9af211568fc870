import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    // A named, reusable set of targeting criteria, kept per organisation.
    this.schema.createTable('segments', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.string('name', 100).notNullable()
      table.text('criteria').notNullable()
      table.integer('created_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['organisation_id', 'name'])
    })

    this.schema.alterTable('subscribers', (table) => {
      // A shape drawn on the map is first narrowed to its bounding box.
      table.index(['lat', 'lng'], 'subscribers_lat_lng_index')
    })
  }

  async down() {
    this.schema.alterTable('subscribers', (table) => {
      table.dropIndex(['lat', 'lng'], 'subscribers_lat_lng_index')
    })
    this.schema.dropTable('segments')
  }
}
