import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      // Encrypted with APP_KEY; unconfirmed until the first correct code.
      table.text('totp_secret').nullable()
      table.timestamp('totp_confirmed_at').nullable()
      // The last accepted 30-second step: a code is never accepted twice.
      table.bigInteger('totp_last_step').nullable()
    })

    // Single-use codes for a lost authenticator; only a keyed hash is kept.
    this.schema.createTable('staff_recovery_codes', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.string('code_hash', 64).notNullable()
      table.timestamp('used_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['user_id'])
    })

    this.schema.createTable('staff_invitations', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.string('email', 254).notNullable()
      table.string('role', 20).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table
        .integer('invited_by_user_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('expires_at').notNullable()
      table.timestamp('sent_at').notNullable()
      table.timestamp('accepted_at').nullable()
      table
        .integer('accepted_by_user_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('revoked_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['organisation_id', 'email'])
    })

    // One row per signed-in browser: idle expiry, and a signed-out cookie cannot be replayed.
    this.schema.createTable('staff_sessions', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.string('key_hash', 64).notNullable().unique()
      table.timestamp('last_activity_at').notNullable()
      table.timestamp('ended_at').nullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('staff_sessions')
    this.schema.dropTable('staff_invitations')
    this.schema.dropTable('staff_recovery_codes')
    this.schema.alterTable('users', (table) => {
      table.dropColumn('totp_secret')
      table.dropColumn('totp_confirmed_at')
      table.dropColumn('totp_last_step')
    })
  }
}
