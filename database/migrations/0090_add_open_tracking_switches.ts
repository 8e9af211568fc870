import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The two switches of open and click tracking (app/services/messaging/tracking/):
 * an organisation's "Track opens and clicks", off until an admin turns it on
 * (PECR: reading whether an email was opened needs a lawful basis the
 * organisation must decide on), and a resident's "Don't track whether I open
 * alerts", which wins over it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      table.boolean('tracks_engagement').notNullable().defaultTo(false)
    })
    this.schema.alterTable('residents', (table) => {
      table.boolean('declines_tracking').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('residents', (table) => {
      table.dropColumn('declines_tracking')
    })
    this.schema.alterTable('organisations', (table) => {
      table.dropColumn('tracks_engagement')
    })
  }
}
