import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Twilio can report a call's end before the ledger has recorded the call's
 * SID (calls are placed one a second; the SIDs are recorded when the batch
 * returns). Such a report is kept on the call's row until the ledger takes
 * it, so that a restart in between loses nothing: the plugin's schedule
 * hands it over again. receipt_until_ms: when to stop trying.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('voice_calls', (table) => {
      /** 'delivered' or 'failed' while the ledger has not taken it; null otherwise. */
      table.string('receipt_status', 10).nullable()
      table.text('receipt_reason').nullable()
      table.bigInteger('receipt_until_ms').nullable()
      table.index(['receipt_status'])
    })
  }

  async down() {
    this.schema.alterTable('voice_calls', (table) => {
      table.dropIndex(['receipt_status'])
      table.dropColumn('receipt_status')
      table.dropColumn('receipt_reason')
      table.dropColumn('receipt_until_ms')
    })
  }
}
