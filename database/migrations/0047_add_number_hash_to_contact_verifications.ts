import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Codes are capped per number as well as per resident: one number could
 * otherwise be sent codes from many accounts (a nuisance to its holder, and
 * a cost per text or call). The number is encrypted in `value`, so each row
 * also keeps a keyed hash of it (HMAC with APP_KEY), which is what the cap
 * counts. Rows written before have none and are not counted (the cap looks
 * back an hour only).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('contact_verifications', (table) => {
      table.string('number_hash', 64).nullable()
      table.index(['number_hash', 'created_at'])
    })
  }

  async down() {
    this.schema.alterTable('contact_verifications', (table) => {
      table.dropIndex(['number_hash', 'created_at'])
      table.dropColumn('number_hash')
    })
  }
}
