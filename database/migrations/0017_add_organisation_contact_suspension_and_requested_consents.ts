import { BaseSchema } from '@adonisjs/lucid/schema'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * Sign-ups waiting for confirmation agreed to every organisation then named
 * on the check page. With one organisation that is the one they will be
 * granted; with several, nobody can say which they meant, so they are given
 * none and choose after confirming (SubscriptionConfirmation).
 */
export async function backfillRequestedConsents(db: QueryClientContract) {
  await db.rawQuery(
    `INSERT INTO requested_consents (subscriber_id, organisation_id, created_at)
     SELECT subscribers.id, organisations.id, CURRENT_TIMESTAMP
     FROM subscribers CROSS JOIN organisations
     WHERE subscribers.status = 'pending'
       AND (SELECT COUNT(*) FROM organisations) = 1
       AND NOT EXISTS (SELECT 1 FROM consents WHERE consents.subscriber_id = subscribers.id)`
  )
}

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      // How residents and staff reach the organisation, shown where it is named.
      table.string('contact_email', 254).nullable()
      table.string('contact_phone', 40).nullable()
      table.string('website', 300).nullable()
      table.string('address', 500).nullable()
      // A suspended organisation keeps its data and public alerts but cannot send.
      table.timestamp('suspended_at').nullable()
      table.string('suspension_reason', 500).nullable()
    })

    // The organisations a resident ticked at sign-up, granted consent only when the email is confirmed.
    this.schema.createTable('requested_consents', (table) => {
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
      table.timestamp('created_at').notNullable()
      table.primary(['subscriber_id', 'organisation_id'])
    })

    this.defer(backfillRequestedConsents)
  }

  async down() {
    this.schema.dropTable('requested_consents')
    this.schema.alterTable('organisations', (table) => {
      table.dropColumn('contact_email')
      table.dropColumn('contact_phone')
      table.dropColumn('website')
      table.dropColumn('address')
      table.dropColumn('suspended_at')
      table.dropColumn('suspension_reason')
    })
  }
}
