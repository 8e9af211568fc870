import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      table.boolean('requires_approval').notNullable().defaultTo(false)
    })

    this.schema.alterTable('messages', (table) => {
      // UTC; the page shows it in Europe/London.
      table.timestamp('scheduled_at').nullable()
      table.timestamp('submitted_at').nullable()
      table
        .integer('submitted_by_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('approved_at').nullable()
      table
        .integer('approved_by_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.string('returned_comment', 2000).nullable()
      // The periodic check for scheduled sends that lost their delayed job.
      table.index(['status', 'scheduled_at'])
    })

    // Each step of approval and scheduling, shown as the message's history.
    this.schema.createTable('message_reviews', (table) => {
      table.increments('id')
      table
        .integer('message_id')
        .unsigned()
        .notNullable()
        .references('messages.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      // submitted, approved, returned, withdrawn, scheduled, unscheduled, schedule_failed
      table.string('action', 20).notNullable()
      table.string('comment', 2000).nullable()
      table.timestamp('created_at').notNullable()
      table.index(['message_id', 'created_at'])
    })

    this.schema.createTable('message_templates', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.string('name', 100).notNullable()
      table.string('title', 150).notNullable()
      table.text('body').notNullable()
      table.smallint('priority').notNullable()
      table.string('category', 40).nullable()
      table
        .integer('created_by_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['organisation_id', 'name'])
    })
  }

  async down() {
    this.schema.dropTable('message_templates')
    this.schema.dropTable('message_reviews')
    this.schema.alterTable('messages', (table) => {
      table.dropIndex(['status', 'scheduled_at'])
      table.dropForeign(['submitted_by_id'])
      table.dropForeign(['approved_by_id'])
      for (const column of [
        'scheduled_at',
        'submitted_at',
        'submitted_by_id',
        'approved_at',
        'approved_by_id',
        'returned_comment',
      ]) {
        table.dropColumn(column)
      }
    })
    this.schema.alterTable('organisations', (table) => {
      table.dropColumn('requires_approval')
    })
  }
}
