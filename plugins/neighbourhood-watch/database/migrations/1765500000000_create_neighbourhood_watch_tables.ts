import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * neighbourhood_watch_syncs: each sync of an organisation with the register
 * (or a CSV export), its progress and outcome. neighbourhood_watch_sync_rows:
 * its change report, one row per scheme or member added, updated, removed or
 * rejected. neighbourhood_watch_schemes: the schemes an organisation imports,
 * with their coordinator as the register names them.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('neighbourhood_watch_syncs', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      // register (Sync now), nightly, upload (a CSV export)
      table.string('origin', 20).notNullable()
      // running, completed, failed
      table.string('status', 20).notNullable()
      table.text('message').nullable()
      table.integer('started_by_user_id').nullable()
      table.integer('schemes_read').notNullable().defaultTo(0)
      table.integer('added').notNullable().defaultTo(0)
      table.integer('updated').notNullable().defaultTo(0)
      table.integer('removed').notNullable().defaultTo(0)
      table.integer('rejected').notNullable().defaultTo(0)
      table.integer('unchanged').notNullable().defaultTo(0)
      table.timestamp('started_at').notNullable()
      table.timestamp('finished_at').nullable()
      table.index(['organisation_id', 'id'])
    })
    this.schema.createTable('neighbourhood_watch_sync_rows', (table) => {
      table.bigIncrements('id')
      table
        .integer('sync_id')
        .unsigned()
        .notNullable()
        .references('neighbourhood_watch_syncs.id')
        .onDelete('CASCADE')
      // added, updated, removed, rejected
      table.string('change', 20).notNullable()
      table.string('subject', 400).notNullable()
      table.text('detail').notNullable()
      table
        .integer('resident_id')
        .unsigned()
        .nullable()
        .references('residents.id')
        .onDelete('CASCADE')
      table.index(['sync_id', 'id'])
      table.index(['resident_id'])
    })
    this.schema.createTable('neighbourhood_watch_schemes', (table) => {
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.string('scheme_ref', 100).notNullable()
      table
        .integer('scheme_id')
        .unsigned()
        .notNullable()
        .references('schemes.id')
        .onDelete('CASCADE')
      table.string('coordinator_ref', 100).nullable()
      table.string('coordinator_name', 200).nullable()
      table.string('coordinator_email', 254).nullable()
      table.timestamp('synced_at').notNullable()
      table.primary(['organisation_id', 'scheme_ref'])
    })
  }

  async down() {
    this.schema.dropTable('neighbourhood_watch_schemes')
    this.schema.dropTable('neighbourhood_watch_sync_rows')
    this.schema.dropTable('neighbourhood_watch_syncs')
  }
}
