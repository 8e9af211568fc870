import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Claimed deliveries are found again by their ids (with the token as a
 * guard), never by the token alone, so its index served no query; but every
 * write of a delivery (written, claimed, sent) added an entry to it, which
 * was part of what the database spent on each mail of a large send.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('deliveries', (table) => {
      table.dropIndex(['claim_token'])
    })
  }

  async down() {
    this.schema.alterTable('deliveries', (table) => {
      table.index(['claim_token'])
    })
  }
}
