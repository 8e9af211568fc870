import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('subscribers', (table) => {
      // Set by a hard bounce: the address is not used again until the resident changes it.
      table.timestamp('email_bounced_at').nullable()
    })
    this.schema.alterTable('messages', (table) => {
      table.timestamp('paused_at').nullable()
      table.timestamp('cancelled_at').nullable()
    })
  }

  async down() {
    this.schema.alterTable('messages', (table) => {
      table.dropColumn('paused_at')
      table.dropColumn('cancelled_at')
    })
    this.schema.alterTable('subscribers', (table) => {
      table.dropColumn('email_bounced_at')
    })
  }
}
