import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Which browsers took each alert's push, so that a cancelled alert can be
 * replaced on exactly those browsers (same Topic, same notification tag):
 * the alert's title and priority per language, every browser pushed, and
 * the alerts cancelled. Times are milliseconds since the epoch. Rows are
 * forgotten after a week (a daily schedule).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('web_push_pushed_alerts', (table) => {
      table.bigInteger('alert_id').unsigned().notNullable()
      table.string('language', 10).notNullable()
      table.text('title').notNullable()
      table.integer('priority').notNullable()
      table.text('organisation_name').notNullable()
      table.bigInteger('pushed_ms').notNullable().index()
      table.primary(['alert_id', 'language'])
    })

    this.schema.createTable('web_push_alert_browsers', (table) => {
      table.bigInteger('alert_id').unsigned().notNullable()
      table.bigInteger('contact_id').unsigned().notNullable()
      table.bigInteger('resident_id').unsigned().notNullable().index()
      table.string('language', 10).notNullable()
      table.bigInteger('pushed_ms').notNullable().index()
      /** Set while one process pushes the replacement (claimed_ms: since when). */
      table.string('claim', 36).nullable()
      table.bigInteger('claimed_ms').nullable()
      /** The replacement's push service was busy: tried again from retry_ms. */
      table.integer('attempts').notNullable().defaultTo(0)
      table.bigInteger('retry_ms').nullable()
      /** The replacement was pushed (or the browser is gone, or it was given up). */
      table.bigInteger('replaced_ms').nullable()
      table.primary(['alert_id', 'contact_id'])
      table.index(['alert_id', 'claim'])
    })

    this.schema.createTable('web_push_cancelled_alerts', (table) => {
      table.bigInteger('alert_id').unsigned().notNullable().primary()
      table.bigInteger('cancelled_ms').notNullable().index()
    })
  }

  async down() {
    this.schema.dropTable('web_push_cancelled_alerts')
    this.schema.dropTable('web_push_alert_browsers')
    this.schema.dropTable('web_push_pushed_alerts')
  }
}
