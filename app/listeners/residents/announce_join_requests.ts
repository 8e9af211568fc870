import type { BeaconEvents } from '#contracts/events'
import JoinRequestNotices from '#services/residents/coordinators/join_request_notices'

/**
 * The schemes a resident asked to join at sign-up reach their coordinators
 * only once the resident has confirmed: until then staff do not see the
 * request, and an unconfirmed sign-up is purged with it.
 */
export default class AnnounceJoinRequests {
  async handle(event: BeaconEvents['resident:confirmed']) {
    await JoinRequestNotices.announce(event.residentId)
  }
}
