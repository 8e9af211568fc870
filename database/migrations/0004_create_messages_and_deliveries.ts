import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('messages', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.integer('author_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.string('title', 150).notNullable()
      table.text('body').notNullable()
      table.smallint('priority').notNullable()
      // draft, sending, sent, paused, cancelled
      table.string('status', 20).notNullable().defaultTo('draft')
      table.text('criteria').notNullable()
      table.integer('audience_count').nullable()
      table.string('status_reason', 500).nullable()
      table.timestamp('send_requested_at').nullable()
      table.timestamp('dispatched_at').nullable()
      table.timestamp('completed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organisation_id', 'created_at'])
    })

    // The delivery ledger: one row per (message, subscriber, channel), never two.
    this.schema.createTable('deliveries', (table) => {
      table.bigIncrements('id')
      table
        .integer('message_id')
        .unsigned()
        .notNullable()
        .references('messages.id')
        .onDelete('CASCADE')
      table
        .integer('subscriber_id')
        .unsigned()
        .nullable()
        .references('subscribers.id')
        .onDelete('SET NULL')
      table.string('channel', 30).notNullable()
      // pending, sending, sent, failed, skipped
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
      table.unique(['message_id', 'subscriber_id', 'channel'])
      table.index(['message_id', 'status'])
      table.index(['claim_token'])
      table.index(['subscriber_id'])
    })

    // Where email goes when no SMTP server is configured.
    this.schema.createTable('outbox_emails', (table) => {
      table.bigIncrements('id')
      table.string('to_address', 254).notNullable()
      table.string('subject', 255).notNullable()
      table.text('text_body').notNullable()
      table.text('html_body').nullable()
      table.text('headers').notNullable()
      table.string('message_id', 255).notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['created_at'])
    })

    this.schema.createTable('plugins', (table) => {
      table.string('id', 60).primary()
      table.boolean('enabled').notNullable().defaultTo(false)
      // Encrypted with APP_KEY: plugin settings may hold API keys.
      table.text('settings').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('plugins')
    this.schema.dropTable('outbox_emails')
    this.schema.dropTable('deliveries')
    this.schema.dropTable('messages')
  }
}
