import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('subscribers', (table) => {
      table.increments('id')
      table.string('email', 254).nullable().unique()
      table.string('name', 100).notNullable()
      table.string('language', 12).notNullable().defaultTo('en')
      table.smallint('priority_threshold').notNullable().defaultTo(1)
      // pending (awaiting double opt-in), active, unsubscribed
      table.string('status', 20).notNullable().defaultTo('pending')
      table.string('source', 20).notNullable().defaultTo('web')
      table.double('lat').nullable()
      table.double('lng').nullable()
      table.timestamp('email_verified_at').nullable()
      table.timestamp('confirmed_at').nullable()
      table.timestamp('unsubscribed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['status'])
    })

    this.schema.createTable('subscriber_areas', (table) => {
      table
        .integer('subscriber_id')
        .unsigned()
        .notNullable()
        .references('subscribers.id')
        .onDelete('CASCADE')
      table.integer('area_id').unsigned().notNullable().references('areas.id').onDelete('CASCADE')
      table.primary(['subscriber_id', 'area_id'])
      // Targeting walks from an area to its residents.
      table.index(['area_id', 'subscriber_id'])
    })

    this.schema.createTable('consents', (table) => {
      table.increments('id')
      table
        .integer('subscriber_id')
        .unsigned()
        .notNullable()
        .references('subscribers.id')
        .onDelete('CASCADE')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.timestamp('granted_at').notNullable()
      table.timestamp('withdrawn_at').nullable()
      table.unique(['subscriber_id', 'organisation_id'])
      table.index(['organisation_id', 'subscriber_id'])
    })

    // Single-use links (email confirmation). Only a hash of the token is kept.
    this.schema.createTable('subscriber_tokens', (table) => {
      table.increments('id')
      table
        .integer('subscriber_id')
        .unsigned()
        .notNullable()
        .references('subscribers.id')
        .onDelete('CASCADE')
      table.string('purpose', 20).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('expires_at').notNullable()
      table.timestamp('used_at').nullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('subscriber_tokens')
    this.schema.dropTable('consents')
    this.schema.dropTable('subscriber_areas')
    this.schema.dropTable('subscribers')
  }
}
