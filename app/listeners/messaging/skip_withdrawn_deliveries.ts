import type { BeaconEvents } from '#contracts/events'
import PendingDeliveries from '#services/messaging/delivery/pending_deliveries'

/**
 * A resident's choice applies to alerts already queued for them: what they
 * withdrew consent from, or everything when they deleted their account, is
 * skipped before a send job can claim it.
 */
export default class SkipWithdrawnDeliveries {
  async consentWithdrawn({
    residentId,
    organisationIds,
  }: BeaconEvents['resident:consent_withdrawn']) {
    await PendingDeliveries.skipForResident(
      residentId,
      'The resident withdrew consent before this was sent',
      organisationIds ?? undefined
    )
  }

  async erased({ residentId }: BeaconEvents['resident:erased']) {
    await PendingDeliveries.skipForResident(
      residentId,
      'The resident deleted their account before this was sent'
    )
  }
}
