import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Virtual watch groups (app/services/engagement/virtual_schemes.ts): a scheme a
 * resident starts for the streets around their home, drawn on the map or a
 * circle around it, that neighbours who live inside may join. `shape` holds
 * the drawn shape as JSON ({ type: 'circle', center, radiusMetres } or
 * { type: 'polygon', coordinates }); other schemes have an area instead.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('schemes', (table) => {
      table.text('shape').nullable()
      table
        .integer('started_by_resident_id')
        .unsigned()
        .nullable()
        .references('residents.id')
        .onDelete('SET NULL')
    })
  }

  async down() {
    this.schema.alterTable('schemes', (table) => {
      table.dropColumn('started_by_resident_id')
      table.dropColumn('shape')
    })
  }
}
