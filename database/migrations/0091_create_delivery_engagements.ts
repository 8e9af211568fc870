import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Whether a tracked email was opened and its links clicked: one row per
 * delivery, written when the first open or click arrives (never on the send
 * path). Apart from the ledger, so that the hot deliveries table keeps its
 * width and erasure deletes the rows by resident. resident_id is the
 * delivery's resident, copied so that erasure finds them after the
 * delivery is made anonymous.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('delivery_engagements', (table) => {
      table
        .bigInteger('delivery_id')
        .unsigned()
        .primary()
        .references('deliveries.id')
        .onDelete('CASCADE')
      table.integer('alert_id').unsigned().notNullable().references('alerts.id').onDelete('CASCADE')
      table
        .integer('resident_id')
        .unsigned()
        .notNullable()
        .references('residents.id')
        .onDelete('CASCADE')
      table.timestamp('first_opened_at').nullable()
      table.integer('open_count').notNullable().defaultTo(0)
      table.timestamp('first_clicked_at').nullable()
      table.integer('click_count').notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['alert_id'])
      table.index(['resident_id'])
    })
  }

  async down() {
    this.schema.dropTable('delivery_engagements')
  }
}
