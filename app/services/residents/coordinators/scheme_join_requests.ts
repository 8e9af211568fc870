import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import env from '#start/env'
import type Membership from '#models/platform/membership'
import type Resident from '#models/residents/resident'
import SchemeJoinRequest from '#models/residents/scheme_join_request'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import SchemesNearby from '#services/residents/coordinators/schemes_nearby'
import JoinRequestNotices from '#services/residents/coordinators/join_request_notices'

/** The request cannot be made or decided now; the message says why, in plain English. */
export class JoinRequestRefusal extends Error {}

export const JOIN_REQUESTS_PER_PAGE = 25
/** How a member who asked and was approved is recorded in scheme_members.added_by. */
export const ADDED_BY_REQUEST = 'join_request'

/**
 * Residents ask to join a watch scheme near them (not a virtual watch group,
 * which they join directly); the scheme's coordinators decide, or, where an
 * organisation has no coordinator for the scheme, its admins. Staff see only
 * requests from residents who receive their organisation's alerts. One row per
 * resident and scheme: asking again reopens it, so requests are never doubled.
 */
export default class SchemeJoinRequests {
  static async ask(resident: Resident, schemeId: number) {
    const nearby = await SchemesNearby.of(resident)
    const scheme = nearby.find((candidate) => candidate.id === schemeId)
    if (!scheme) throw new JoinRequestRefusal('You can ask to join only a scheme near you')
    if (scheme.state === 'member')
      throw new JoinRequestRefusal(`You are already a member of ${scheme.name}`)
    if (scheme.state === 'pending') {
      throw new JoinRequestRefusal(`You have already asked to join ${scheme.name}`)
    }
    await this.#open(resident.id, schemeId, db)
    await JoinRequestNotices.announce(resident.id, [schemeId])
    return scheme
  }

  /**
   * The schemes ticked at sign-up (SignUpChoices has kept only those in the
   * resident's areas), asked in the registration's transaction. Staff see them,
   * and are told, only once the resident confirms (see JoinRequestNotices): an
   * unconfirmed sign-up has no consent yet, and is purged with its requests.
   */
  static async askAtSignUp(
    residentId: number,
    schemeIds: number[],
    trx: TransactionClientContract
  ) {
    for (const schemeId of schemeIds) await this.#open(residentId, schemeId, trx)
  }

  static async #open(
    residentId: number,
    schemeId: number,
    client: TransactionClientContract | typeof db
  ) {
    const now = sqlTime()
    // Inserted, or the declined or withdrawn request asked again: never a second row.
    await client
      .table('scheme_join_requests')
      .insert({
        scheme_id: schemeId,
        resident_id: residentId,
        status: 'pending',
        asked_at: now,
        created_at: now,
        updated_at: now,
      })
      .onConflict(['scheme_id', 'resident_id'])
      .ignore()
    await client
      .from('scheme_join_requests')
      .where({ scheme_id: schemeId, resident_id: residentId })
      .whereNot('status', 'pending')
      .update({
        status: 'pending',
        reason: null,
        decided_by_id: null,
        decided_for_organisation_id: null,
        decided_at: null,
        asked_at: now,
        updated_at: now,
      })
  }

  /** Answers false when there was no pending request to withdraw. */
  static async withdraw(resident: Resident, schemeId: number) {
    const changed = await db
      .from('scheme_join_requests')
      .where({ scheme_id: schemeId, resident_id: resident.id, status: 'pending' })
      .update({ status: 'withdrawn', updated_at: sqlTime() })
    return Number(changed) > 0 || (Array.isArray(changed) && changed.length > 0)
  }

  /** Pending requests this member of staff decides, oldest first. */
  static pendingFor(membership: Pick<Membership, 'id' | 'role' | 'organisationId'>, page: number) {
    return this.#decidedBy(membership)
      .where('scheme_join_requests.status', 'pending')
      .preload('scheme', (scheme) => scheme.preload('area'))
      .preload('resident')
      .orderBy('scheme_join_requests.asked_at', 'asc')
      .orderBy('scheme_join_requests.id', 'asc')
      .paginate(page, JOIN_REQUESTS_PER_PAGE)
  }

  /**
   * One of this member of staff's pending requests; "not found" for another scheme's or
   * organisation's, and once decided or withdrawn.
   */
  static find(membership: Pick<Membership, 'id' | 'role' | 'organisationId'>, id: number) {
    return this.#decidedBy(membership)
      .where('scheme_join_requests.id', id)
      .where('scheme_join_requests.status', 'pending')
      .preload('scheme', (scheme) => scheme.preload('area'))
      .preload('resident')
      .firstOrFail()
  }

  static async approve(request: SchemeJoinRequest, userId: number, organisationId: number) {
    await db.transaction(async (trx) => {
      await this.#decide(request, trx, { status: 'approved', userId, organisationId, reason: null })
      await trx
        .table('scheme_members')
        .insert({
          scheme_id: request.schemeId,
          resident_id: request.residentId,
          joined_at: sqlTime(),
          added_by: ADDED_BY_REQUEST,
        })
        .onConflict(['scheme_id', 'resident_id'])
        .ignore()
    })
    await this.#tell(request, 'scheme_request_approved', `You have joined ${request.scheme.name}`)
  }

  static async decline(
    request: SchemeJoinRequest,
    userId: number,
    organisationId: number,
    reason: string | null
  ) {
    await db.transaction((trx) =>
      this.#decide(request, trx, { status: 'declined', userId, organisationId, reason })
    )
    await this.#tell(
      request,
      'scheme_request_declined',
      `Your request to join ${request.scheme.name}`
    )
  }

  static async #decide(
    request: SchemeJoinRequest,
    trx: TransactionClientContract,
    decision: {
      status: 'approved' | 'declined'
      userId: number
      organisationId: number
      reason: string | null
    }
  ) {
    const changed = await trx
      .from('scheme_join_requests')
      .where('id', request.id)
      .where('status', 'pending')
      .update({
        status: decision.status,
        reason: decision.reason,
        decided_by_id: decision.userId,
        decided_for_organisation_id: decision.organisationId,
        decided_at: sqlTime(),
        updated_at: sqlTime(),
      })
    // Two coordinators deciding at once: the first wins, the second is told.
    if (!(Number(changed) > 0 || (Array.isArray(changed) && changed.length > 0))) {
      throw new JoinRequestRefusal('This request has already been decided or withdrawn')
    }
    request.status = decision.status
    request.reason = decision.reason
    request.decidedAt = DateTime.now()
  }

  static async #tell(request: SchemeJoinRequest, template: string, subject: string) {
    const resident = request.resident
    if (!resident.email) return
    await TransactionalMail.queue(resident.email, subject, template, {
      name: resident.name,
      schemeName: request.scheme.name,
      reason: request.reason,
      url: `${env.get('APP_URL').replace(/\/$/, '')}/my-alerts/schemes/near`,
    })
  }

  /**
   * The requests a member of staff decides: from residents of their organisation, for the
   * schemes they coordinate, or (admins) for schemes no coordinator of theirs looks after.
   */
  static #decidedBy(membership: Pick<Membership, 'id' | 'role' | 'organisationId'>) {
    const query = SchemeJoinRequest.query()
      .whereExists((consent) => {
        consent
          .from('consents')
          .whereRaw('consents.resident_id = scheme_join_requests.resident_id')
          .where('consents.organisation_id', membership.organisationId)
          .whereNull('consents.withdrawn_at')
      })
      .whereExists((resident) => {
        resident
          .from('residents')
          .whereRaw('residents.id = scheme_join_requests.resident_id')
          .whereNull('residents.erased_at')
      })
    if (membership.role === 'coordinator') {
      return query.whereIn(
        'scheme_join_requests.scheme_id',
        db.from('coordinator_schemes').where('membership_id', membership.id).select('scheme_id')
      )
    }
    if (membership.role === 'admin') {
      return query.whereNotExists((coordinator) => {
        coordinator
          .from('coordinator_schemes')
          .join('memberships', 'memberships.id', 'coordinator_schemes.membership_id')
          .whereRaw('coordinator_schemes.scheme_id = scheme_join_requests.scheme_id')
          .where('memberships.organisation_id', membership.organisationId)
          .where('memberships.role', 'coordinator')
      })
    }
    return query.whereRaw('1 = 0')
  }
}
