import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Joint alerts: the alert's organisation invites one other organisation on
 * the install to co-sign it. The invitation's state is kept on the alert
 * (invited, approved, declined); the audience's consent to either
 * organisation is in the criteria (criteria.cosigningOrganisationIds).
 */
export default class extends BaseSchema {
  protected tableName = 'alerts'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table
        .integer('cosigner_organisation_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organisations')
        .onDelete('SET NULL')
        .index()
      table.string('cosign_status', 16).nullable()
      table.text('cosign_reason').nullable()
      table.integer('cosign_invited_by_id').unsigned().nullable()
      table.timestamp('cosign_invited_at').nullable()
      table.integer('cosign_decided_by_id').unsigned().nullable()
      table.timestamp('cosign_decided_at').nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropForeign(['cosigner_organisation_id'])
      table.dropIndex(['cosigner_organisation_id'])
      table.dropColumn('cosigner_organisation_id')
      table.dropColumn('cosign_status')
      table.dropColumn('cosign_reason')
      table.dropColumn('cosign_invited_by_id')
      table.dropColumn('cosign_invited_at')
      table.dropColumn('cosign_decided_by_id')
      table.dropColumn('cosign_decided_at')
    })
  }
}
