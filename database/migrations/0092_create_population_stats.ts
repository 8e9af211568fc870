import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Census baselines per ward (app/services/areas/population/): how many people
 * of each category of a dimension (age band, sex, ethnicity, disability, main
 * language) live there, in the categories residents answer at sign-up.
 * `source` names the ONS table the figures came from (e.g. TS021). An import
 * replaces one dimension's rows for the wards in its file, in one transaction.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('population_stats', (table) => {
      table.increments('id')
      table.integer('area_id').unsigned().notNullable().references('areas.id').onDelete('CASCADE')
      table.string('dimension', 32).notNullable()
      table.string('category', 64).notNullable()
      table.integer('count').notNullable()
      table.string('source', 64).notNullable()
      table.timestamp('imported_at').notNullable()
      table.unique(['area_id', 'dimension', 'category'])
      table.index(['dimension'])
    })
  }

  async down() {
    this.schema.dropTable('population_stats')
  }
}
