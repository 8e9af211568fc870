import logger from '@adonisjs/core/services/logger'
import type { BeaconEvents } from '#contracts/events'
import JoinRequestNotices from '#services/residents/coordinators/join_request_notices'

/**
 * The schemes a resident asked to join at sign-up reach their coordinators
 * only once the resident has confirmed: until then staff do not see the
 * request, and an unconfirmed sign-up is purged with it.
 */
export default class AnnounceJoinRequests {
  async handle(event: BeaconEvents['resident:confirmed']) {
    try {
      await JoinRequestNotices.announce(event.residentId)
    } catch (error) {
      // The resident is confirmed all the same; the request waits on the staff list.
      logger.error({ err: error, residentId: event.residentId }, 'Join request notice failed')
    }
  }
}
