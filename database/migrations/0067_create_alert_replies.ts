import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Residents' replies to alerts and staff's answers (app/services/engagement/replies/*):
 * one thread per resident and alert, in the inbox of the alert's organisation.
 * organisation_id is the alert's, kept here so that the inbox needs no join to
 * scope it. Threads are personal data: they go with the resident on erasure,
 * and after REPLY_RETENTION_DAYS without a message (the daily purge).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('alert_replies', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.integer('alert_id').unsigned().notNullable().references('alerts.id').onDelete('CASCADE')
      table
        .integer('resident_id')
        .unsigned()
        .notNullable()
        .references('residents.id')
        .onDelete('CASCADE')
      // new, assigned, answered, closed (app/models/engagement/alert_reply.ts)
      table.string('state', 20).notNullable()
      table
        .integer('assigned_to_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      // The resident's latest message (the inbox's order), and any message (retention).
      table.timestamp('received_at').notNullable()
      table.timestamp('last_message_at').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['alert_id', 'resident_id'])
      table.index(['organisation_id', 'state', 'received_at'])
      table.index(['resident_id'])
      table.index(['last_message_at'])
    })

    this.schema.createTable('alert_reply_messages', (table) => {
      table.increments('id')
      table
        .integer('reply_id')
        .unsigned()
        .notNullable()
        .references('alert_replies.id')
        .onDelete('CASCADE')
      // resident or staff
      table.string('author', 20).notNullable()
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      // Where a resident's message came from: web (the signed form); another source may add its own.
      table.string('via', 20).notNullable()
      table.text('body').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['reply_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('alert_reply_messages')
    this.schema.dropTable('alert_replies')
  }
}
