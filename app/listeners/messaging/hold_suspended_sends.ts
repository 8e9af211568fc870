import type { BeaconEvents } from '#contracts/events'
import SuspensionHold from '#services/messaging/delivery/suspension_hold'

/** A suspended organisation's sends under way are paused at once. */
export default class HoldSuspendedSends {
  async handle({ organisationId }: BeaconEvents['organisation:suspended']) {
    await SuspensionHold.holdOrganisation(organisationId)
  }
}
