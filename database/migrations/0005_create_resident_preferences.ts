import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('subscribers', (table) => {
      // UK mobile in E.164, verified by a code; a landline is reached by voice only.
      table.string('phone', 20).nullable().unique()
      table.timestamp('phone_verified_at').nullable()
      table.string('landline', 20).nullable()
      table.string('postcode', 10).nullable()
      table.boolean('known_to_officer').notNullable().defaultTo(false)
      table.boolean('community_influencer').notNullable().defaultTo(false)
      table
        .integer('registered_by_user_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('erased_at').nullable()
    })

    this.schema.createTable('postcodes', (table) => {
      // Normalised: upper case with one space before the inward code, e.g. "LN1 1AA".
      table.string('postcode', 8).primary()
      table.double('lat').notNullable()
      table.double('lng').notNullable()
    })

    this.schema.createTable('interests', (table) => {
      table.increments('id')
      table.string('slug', 60).notNullable().unique()
      table.string('name', 80).notNullable()
      table.string('description', 300).nullable()
      table.integer('position').notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('subscriber_interests', (table) => {
      table
        .integer('subscriber_id')
        .unsigned()
        .notNullable()
        .references('subscribers.id')
        .onDelete('CASCADE')
      table
        .integer('interest_id')
        .unsigned()
        .notNullable()
        .references('interests.id')
        .onDelete('CASCADE')
      table.primary(['subscriber_id', 'interest_id'])
      table.index(['interest_id', 'subscriber_id'])
    })

    this.schema.createTable('schemes', (table) => {
      table.increments('id')
      table.string('name', 120).notNullable()
      // neighbourhood_watch, farm_watch, horse_watch, business_watch
      table.string('kind', 30).notNullable()
      table.integer('area_id').unsigned().nullable().references('areas.id').onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['kind', 'name'])
    })

    this.schema.createTable('scheme_members', (table) => {
      table
        .integer('scheme_id')
        .unsigned()
        .notNullable()
        .references('schemes.id')
        .onDelete('CASCADE')
      table
        .integer('subscriber_id')
        .unsigned()
        .notNullable()
        .references('subscribers.id')
        .onDelete('CASCADE')
      table.timestamp('joined_at').notNullable()
      table.primary(['scheme_id', 'subscriber_id'])
      table.index(['subscriber_id'])
    })

    // One row per channel a resident has a preference for; no row means the channel's defaults.
    this.schema.createTable('channel_preferences', (table) => {
      table
        .integer('subscriber_id')
        .unsigned()
        .notNullable()
        .references('subscribers.id')
        .onDelete('CASCADE')
      table.string('channel', 30).notNullable()
      table.boolean('enabled').notNullable().defaultTo(true)
      // Local (Europe/London) "HH:MM"; both set means no alerts between them.
      table.string('quiet_from', 5).nullable()
      table.string('quiet_to', 5).nullable()
      table.boolean('emergency_override').notNullable().defaultTo(true)
      table.timestamp('updated_at').notNullable()
      table.primary(['subscriber_id', 'channel'])
    })

    // Special category data: apart from contact details, used only in aggregate.
    this.schema.createTable('demographics', (table) => {
      table
        .integer('subscriber_id')
        .unsigned()
        .primary()
        .references('subscribers.id')
        .onDelete('CASCADE')
      table.string('age_band', 20).nullable()
      table.string('sex', 30).nullable()
      table.string('ethnicity', 60).nullable()
      table.string('disability', 30).nullable()
      table.string('main_language', 40).nullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('subscriber_imports', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.string('filename', 255).notNullable()
      // dry_run, imported
      table.string('status', 20).notNullable()
      table.integer('total_rows').notNullable().defaultTo(0)
      table.integer('imported_rows').notNullable().defaultTo(0)
      table.integer('rejected_rows').notNullable().defaultTo(0)
      table.text('report').nullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('subscriber_imports')
    this.schema.dropTable('demographics')
    this.schema.dropTable('channel_preferences')
    this.schema.dropTable('scheme_members')
    this.schema.dropTable('schemes')
    this.schema.dropTable('subscriber_interests')
    this.schema.dropTable('interests')
    this.schema.dropTable('postcodes')
    this.schema.alterTable('subscribers', (table) => {
      table.dropColumn('phone')
      table.dropColumn('phone_verified_at')
      table.dropColumn('landline')
      table.dropColumn('postcode')
      table.dropColumn('known_to_officer')
      table.dropColumn('community_influencer')
      table.dropColumn('registered_by_user_id')
      table.dropColumn('erased_at')
    })
  }
}
