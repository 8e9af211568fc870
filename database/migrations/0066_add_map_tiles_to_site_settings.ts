import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The street map behind the sign-up and targeting maps: a tile server's
 * address ({z}/{x}/{y}) and the attribution its licence asks for. Empty means
 * the maps show area outlines only, as they did before.
 */
export default class extends BaseSchema {
  protected tableName = 'site_settings'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('map_tile_url', 500).nullable()
      table.string('map_tile_attribution', 300).nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('map_tile_url')
      table.dropColumn('map_tile_attribution')
    })
  }
}
