import type { PrivacyHooks } from '#contracts/privacy'
import SchemeJoinRequest from '#models/residents/scheme_join_request'

const STATUS_WORDS = {
  pending: 'Waiting for a decision',
  approved: 'Approved',
  declined: 'Declined',
  withdrawn: 'Withdrawn by you',
} as const

/** The resident's requests to join watch schemes: in their data download, gone on erasure. */
export const joinRequestsPrivacy: PrivacyHooks = {
  async export(residentId) {
    const requests = await SchemeJoinRequest.query()
      .where('resident_id', residentId)
      .preload('scheme')
      .orderBy('id')
    if (requests.length === 0) return null
    return requests.map((request) => ({
      scheme: request.scheme.name,
      askedAt: request.askedAt.toISO(),
      outcome: STATUS_WORDS[request.status] ?? request.status,
      decidedAt: request.decidedAt?.toISO() ?? null,
      reason: request.reason,
    }))
  },
  async erase({ residentId }) {
    await SchemeJoinRequest.query().where('resident_id', residentId).delete()
  },
}
