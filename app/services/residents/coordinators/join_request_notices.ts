import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import redis from '@adonisjs/redis/services/main'
import env from '#start/env'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import { redisKey } from '#services/platform/infrastructure/redis_keys'

/** How long a notice's mark is kept: past the end of the day it counts for. */
const MARK_SECONDS = 2 * 24 * 60 * 60

/** The Redis key marking that a member of staff was told today about a scheme's requests. */
export function noticeKey(userId: number, schemeId: number, day = new Date()) {
  return redisKey('scheme-request-notice', userId, schemeId, day.toISOString().slice(0, 10))
}

/**
 * Tells the people who decide a scheme's join requests that one is waiting:
 * its coordinators in each organisation the resident receives alerts from, or
 * that organisation's admins where it has no coordinator for the scheme (as
 * SchemeJoinRequests decides who sees a request). A request is announced only
 * once staff can see it: at once from a confirmed resident, and at
 * confirmation for one made at sign-up. At most one email per person, scheme
 * and day (UTC): the first request of the day is announced, later ones wait
 * on the same list.
 */
export default class JoinRequestNotices {
  /**
   * The resident's pending requests (these schemes only, when given) that staff can see now.
   * Never throws: the request is saved whatever happens to its email, and waits on the list.
   */
  static async announce(residentId: number, schemeIds?: number[]) {
    try {
      await this.#announce(residentId, schemeIds)
    } catch (error) {
      logger.error({ err: error, residentId }, 'A join request notice could not be sent')
    }
  }

  static async #announce(residentId: number, schemeIds?: number[]) {
    const query = db
      .from('scheme_join_requests')
      .join('schemes', 'schemes.id', 'scheme_join_requests.scheme_id')
      .join('consents', 'consents.resident_id', 'scheme_join_requests.resident_id')
      .join('residents', 'residents.id', 'scheme_join_requests.resident_id')
      .where('scheme_join_requests.resident_id', residentId)
      .where('scheme_join_requests.status', 'pending')
      .whereNull('consents.withdrawn_at')
      .whereNull('residents.erased_at')
      .select(
        'scheme_join_requests.scheme_id as schemeId',
        'schemes.name as schemeName',
        'consents.organisation_id as organisationId'
      )
    if (schemeIds) query.whereIn('scheme_join_requests.scheme_id', schemeIds)
    for (const row of await query) {
      const deciders = await this.#decidersOf(Number(row.schemeId), Number(row.organisationId))
      for (const decider of deciders) {
        await this.#tell(decider, Number(row.schemeId), row.schemeName)
      }
    }
  }

  /** The scheme's coordinators in the organisation, or its admins when it has none. */
  static async #decidersOf(schemeId: number, organisationId: number) {
    const staff = () =>
      db
        .from('memberships')
        .join('users', 'users.id', 'memberships.user_id')
        .where('memberships.organisation_id', organisationId)
        .select('users.id as userId', 'users.email as email', 'users.full_name as name')
    const coordinators = await staff()
      .where('memberships.role', 'coordinator')
      .whereIn(
        'memberships.id',
        db.from('coordinator_schemes').where('scheme_id', schemeId).select('membership_id')
      )
    if (coordinators.length) return coordinators
    return staff().where('memberships.role', 'admin')
  }

  static async #tell(
    decider: { userId: number; email: string; name: string },
    schemeId: number,
    schemeName: string
  ) {
    // SET NX: two requests arriving at once still send one email.
    const first = await redis.set(
      noticeKey(Number(decider.userId), schemeId),
      '1',
      'EX',
      MARK_SECONDS,
      'NX'
    )
    if (!first) return
    await TransactionalMail.queue(
      decider.email,
      `A resident asks to join ${schemeName}`,
      'scheme_request_waiting',
      {
        name: decider.name,
        schemeName,
        url: `${env.get('APP_URL').replace(/\/$/, '')}/staff/scheme-requests`,
      }
    )
  }
}
