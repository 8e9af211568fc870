import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The ledger of organisation channels (#contracts/organisation_channel): one
 * row per alert, channel and target (a webhook URL), never two. Kept apart
 * from deliveries, which are per resident and counted in an alert's progress.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('target_deliveries', (table) => {
      table.bigIncrements('id')
      table
        .integer('message_id')
        .unsigned()
        .notNullable()
        .references('messages.id')
        .onDelete('CASCADE')
      table.string('channel', 30).notNullable()
      table.string('target_key', 100).notNullable()
      // What staff see (a host name): never a secret.
      table.string('target_label', 255).notNullable()
      // Sent to the receiver on every attempt, so that it can ignore a repeat.
      table.string('idempotency_key', 36).notNullable()
      // pending, sending, sent, failed, cancelled
      table.string('status', 12).notNullable().defaultTo('pending')
      table.smallint('attempts').notNullable().defaultTo(0)
      table.string('claim_token', 36).nullable()
      table.timestamp('claimed_at').nullable()
      table.timestamp('next_attempt_at').nullable()
      table.string('provider_id', 255).nullable()
      table.string('error', 500).nullable()
      table.timestamp('sent_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['message_id', 'channel', 'target_key'])
      // The sweeper looks for rows whose job was lost.
      table.index(['status', 'next_attempt_at'])
    })
  }

  async down() {
    this.schema.dropTable('target_deliveries')
  }
}
