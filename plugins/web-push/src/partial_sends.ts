import db from '@adonisjs/lucid/services/db'

/** Browsers that took a delivery whose other browsers are being retried (web_push_sent_browsers). */
export class PartialSends {
  async sentTo(deliveryIds: number[]): Promise<Map<number, Set<number>>> {
    const sent = new Map<number, Set<number>>()
    if (deliveryIds.length === 0) return sent
    const rows = await db
      .from('web_push_sent_browsers')
      .whereIn('delivery_id', deliveryIds)
      .select('delivery_id', 'contact_id')
    for (const row of rows) {
      const id = Number(row.delivery_id)
      if (!sent.has(id)) sent.set(id, new Set())
      sent.get(id)!.add(Number(row.contact_id))
    }
    return sent
  }

  async record(deliveryId: number, contactIds: number[]) {
    // Delivery 0 is a staff member's test, in no ledger (#contracts/channel): nothing to remember.
    if (contactIds.length === 0 || deliveryId === 0) return
    await db
      .table('web_push_sent_browsers')
      .insert(
        contactIds.map((contactId) => ({
          delivery_id: deliveryId,
          contact_id: contactId,
          sent_at: new Date(),
        }))
      )
      .onConflict(['delivery_id', 'contact_id'])
      .ignore()
  }
}
