import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('areas', (table) => {
      table.increments('id')
      table.string('code', 20).notNullable().unique()
      table.string('name', 150).notNullable()
      table.string('level', 20).notNullable()
      table.integer('parent_id').unsigned().nullable().references('areas.id').onDelete('SET NULL')
      // GeoJSON geometry; the bounding box lets a point lookup skip most polygons.
      table.text('geometry').nullable()
      table.double('min_lng').nullable()
      table.double('min_lat').nullable()
      table.double('max_lng').nullable()
      table.double('max_lat').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['parent_id'])
      table.index(['level', 'name'])
    })
  }

  async down() {
    this.schema.dropTable('areas')
  }
}
