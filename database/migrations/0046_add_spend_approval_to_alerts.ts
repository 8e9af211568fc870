import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * An organisation's monthly limit on a paid channel (text messages, calls):
 * a send that would pass it waits for an admin to approve the extra spending.
 * The approval covers the amount estimated when it was given, so an alert
 * whose audience or text grows past it needs approving again.
 */
export default class extends BaseSchema {
  protected tableName = 'alerts'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.integer('spend_approved_pence').nullable()
      table.integer('spend_approved_by_id').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('spend_approved_at').nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('spend_approved_pence')
      table.dropColumn('spend_approved_by_id')
      table.dropColumn('spend_approved_at')
    })
  }
}
