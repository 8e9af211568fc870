import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What makes "Send alert now" ask first, per organisation: sending outside
 * its office hours (UK time, weekdays) or to more residents than a set
 * number. Empty means no such warning. Organisations that exist already get
 * 08:00–18:00 and 1,000 residents; new ones get them from OrganisationRegistry.
 */
export default class extends BaseSchema {
  protected tableName = 'organisations'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.smallint('office_hours_from').nullable()
      table.smallint('office_hours_to').nullable()
      table.integer('large_audience_warning').nullable()
    })
    this.defer(async (db) => {
      await db
        .from(this.tableName)
        .update({ office_hours_from: 8, office_hours_to: 18, large_audience_warning: 1000 })
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('office_hours_from')
      table.dropColumn('office_hours_to')
      table.dropColumn('large_audience_warning')
    })
  }
}
