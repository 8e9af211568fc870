import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import Scheme, { VIRTUAL_SCHEME_KIND } from '#models/residents/scheme'
import SchemeJoinRequest from '#models/residents/scheme_join_request'
import type Resident from '#models/residents/resident'

export type NearbyState = 'member' | 'pending' | 'declined' | 'none'

export interface NearbyScheme {
  id: number
  name: string
  kindLabel: string
  areaName: string | null
  state: NearbyState
  /** Why a request was declined, when the coordinator said. */
  reason: string | null
  askedAt: DateTime | null
}

/**
 * The watch schemes near a resident, for asking to join: those tied to an
 * area they live in, or to another ward of their district; and any scheme
 * they have asked to join or belong to, so a request stays in view after a
 * move. Residents' own virtual groups are joined directly elsewhere.
 */
export default class SchemesNearby {
  static async of(resident: Pick<Resident, 'id'>): Promise<NearbyScheme[]> {
    const areaIds = db.from('resident_areas').where('resident_id', resident.id).select('area_id')
    const [requests, memberships] = await Promise.all([
      SchemeJoinRequest.query().where('resident_id', resident.id),
      db.from('scheme_members').where('resident_id', resident.id).select('scheme_id'),
    ])
    const memberOf = new Set(memberships.map((row) => Number(row.scheme_id)))
    const requestOf = new Map(requests.map((request) => [request.schemeId, request]))
    const schemes = await Scheme.query()
      .whereNot('kind', VIRTUAL_SCHEME_KIND)
      .where((near) => {
        near
          .whereIn('area_id', areaIds)
          .orWhereIn('area_id', db.from('areas').whereIn('parent_id', areaIds).select('id'))
          .orWhereIn('id', [...memberOf, ...requestOf.keys(), 0])
      })
      .preload('area')
      .orderBy('name')
      .orderBy('id')
    return schemes.map((scheme) => {
      const request = requestOf.get(scheme.id)
      const state: NearbyState = memberOf.has(scheme.id)
        ? 'member'
        : request?.status === 'pending'
          ? 'pending'
          : request?.status === 'declined'
            ? 'declined'
            : 'none'
      return {
        id: scheme.id,
        name: scheme.name,
        kindLabel: scheme.kindLabel,
        areaName: scheme.area?.name ?? null,
        state,
        reason: state === 'declined' ? (request?.reason ?? null) : null,
        askedAt: state === 'pending' || state === 'declined' ? (request?.askedAt ?? null) : null,
      }
    })
  }
}
